import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from portal.core.models import Campaign

pytestmark = pytest.mark.django_db


def test_a_day_has_both_month_and_day():
    campaign = Campaign(name="5·29会员活动日", kind=Campaign.Kind.DAY, month=5, day=29)
    campaign.full_clean()
    assert campaign.month_day() == "5月29日"
    assert str(campaign) == "5·29会员活动日"


@pytest.mark.parametrize(
    ("month", "day", "message"),
    [(5, None, "月和日要么都填"), (None, 29, "月和日要么都填"), (2, 30, "2月没有30日"), (13, 1, "")],
)
def test_impossible_dates_are_refused_in_chinese(month, day, message):
    with pytest.raises(ValidationError) as error:
        Campaign(name="某纪念日", month=month, day=day).full_clean()
    assert message in str(error.value)


def test_february_29_is_a_valid_day():
    Campaign(name="闰日", month=2, day=29).full_clean()


def test_a_campaign_without_a_date_is_fine():
    campaign = Campaign(name="婚育新风进万家", kind=Campaign.Kind.CAMPAIGN)
    campaign.full_clean()
    assert campaign.month_day() == ""


def test_campaign_snippet_admin_is_chinese(admin_client):
    Campaign.objects.create(name="生育关怀行动", kind=Campaign.Kind.ACTION)
    response = admin_client.get(f"/{settings.WAGTAILADMIN_PATH}snippets/core/campaign/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "生育关怀行动" in content and "专项行动" in content
    assert admin_client.get(f"/{settings.WAGTAILADMIN_PATH}snippets/core/campaign/add/").status_code == 200
