from django.core.management import call_command
from django.test import TestCase


class DemoSiteTestCase(TestCase):
    """The demo content (`load_demo`), loaded once for all the tests of a class; each test runs in a transaction
    that is rolled back, so a test may change the site without the next one seeing it."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", verbosity=0)
