# The workflow tests' small portal (two counties, three townships, every section and role) and its login helper.
from tests.workflow.conftest import login, portal_site, site

__all__ = ["login", "portal_site", "site"]
