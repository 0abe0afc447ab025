import pytest
from django.apps import apps

from tests.activities.factories import ActivityIndexPageFactory, ActivityTownshipPageFactory
from tests.core.factories import build_ladder
from tests.news.factories import NewsIndexPageFactory


def add_index(parent, app_label, model_name, title, slug):
    """Publish an index page of a contract model under ``parent``; skip while that app has not landed yet."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        pytest.skip(f"{app_label}.{model_name} 尚未实现")
    page = parent.add_child(instance=model(title=title, slug=slug))
    page.save_revision().publish()
    return page


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def township_folder(home):
    township = build_ladder()["township"]
    index = ActivityIndexPageFactory(parent=home)
    return ActivityTownshipPageFactory(parent=index, orgunit=township)


@pytest.fixture
def experience_index(home):
    return add_index(home, "exchange", "ExperienceIndexPage", "经验交流", "exchange")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def experience_folder(home):
    township = build_ladder()["township"]
    index = add_index(home, "exchange", "ExperienceIndexPage", "经验交流", "exchange")
    model = apps.get_model("exchange", "ExperienceTownshipPage")
    folder = index.add_child(instance=model(title=f"{township.name}经验交流", slug=township.code, orgunit=township))
    folder.save_revision().publish()
    return folder


@pytest.fixture
def metrics(db):
    """The metric vocabulary the exchange app's data migration loads."""
    try:
        metric_model = apps.get_model("exchange", "MetricDefinition")
    except LookupError:
        pytest.skip("exchange.MetricDefinition 尚未实现")
    return metric_model.objects.all()
