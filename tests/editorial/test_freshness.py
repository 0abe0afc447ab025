"""栏目更新监测: which sections are overdue, who sees them (report and dashboard), who sets the thresholds."""

from django.urls import reverse

from portal.editorial.freshness import all_sections, overdue_sections_for, sections_for
from portal.editorial.models import FreshnessSettings
from tests.workflow.site import is_denied

from .factories import activity_dated, days_ago, news_dated, policy_dated, thresholds


def settings_url():
    return reverse("wagtailsettings:edit", args=["editorial", "freshnesssettings", FreshnessSettings.load().pk])


def section_of(sections, page):
    return next(section for section in sections if section.page.pk == page.pk)


def test_news_dated_on_the_threshold_day_is_on_time_and_one_day_later_is_overdue(site):
    thresholds(news_days=14)
    item = news_dated(site, 14)
    news = section_of(all_sections(), site.indexes["news"])
    assert (news.days_since, news.overdue, news.status_label) == (14, False, "正常")

    item.date = days_ago(15)
    item.save()
    news = section_of(all_sections(), site.indexes["news"])
    assert (news.days_since, news.overdue, news.status_label) == (15, True, "逾期 1 天")


def test_the_newest_live_item_counts_not_drafts_and_not_other_sections(site):
    news_dated(site, 30)
    news_dated(site, 1, live=False)  # a fresh draft does not update the site
    policy_dated(site, 0)  # nor does a policy update 工作动态
    news = section_of(all_sections(), site.indexes["news"])
    assert news.days_since == 30
    assert news.last_published_label == days_ago(30).strftime("%Y年%-m月%-d日")


def test_home_counts_every_section_and_a_township_folder_only_its_own_items(site):
    activity_dated(site, "jia-yi", 3)
    sections = all_sections()
    assert section_of(sections, site.home).days_since == 3
    assert section_of(sections, site.indexes["activities"]).days_since == 3
    assert section_of(sections, site.folder("activities", "jia-yi")).days_since == 3
    other_folder = section_of(sections, site.folder("activities", "jia-er"))
    assert (other_folder.overdue, other_folder.status_label) == (True, "从未发布")


def test_a_longer_threshold_set_by_the_city_admin_makes_the_section_on_time(site, login):
    policy_dated(site, 200)
    assert section_of(all_sections(), site.indexes["policies"]).overdue  # 180 days by default

    url = settings_url()
    form = {
        "home_days": 14,
        "news_days": 14,
        "activities_days": 30,
        "policies_days": 365,
        "villages_days": 180,
        "exchange_days": 180,
        "township_activities_days": 90,
        "township_exchange_days": 184,
    }
    assert login("city_admin").post(url, form).status_code == 302
    assert not section_of(all_sections(), site.indexes["policies"]).overdue

    refused = login("editor").post(url, {**form, "policies_days": 1})
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert not section_of(all_sections(), site.indexes["policies"]).overdue


def test_a_threshold_of_zero_days_is_refused(site, login):
    url = settings_url()
    response = login("city_admin").post(url, {"news_days": 0})
    assert response.status_code == 200
    assert "至少1天" in response.content.decode()


def test_each_user_answers_for_the_sections_they_may_edit_or_publish(site):
    titles = {name: {section.page.pk for section in sections_for(site.users[name])} for name in site.users}
    news, policies = site.indexes["news"].pk, site.indexes["policies"].pk
    assert {site.home.pk, news, policies} <= titles["city_admin"]
    assert news in titles["editor"] and policies not in titles["editor"] and site.home.pk not in titles["editor"]
    assert titles["policy_editor"] == {policies}
    own_folders = {site.folder("activities", "jia-yi").pk, site.folder("exchange", "jia-yi").pk}
    assert titles["submitter_a1"] == own_folders


def test_the_report_lists_the_users_sections_with_overdue_ones_marked(site, login):
    thresholds(news_days=14)
    news_dated(site, 20)
    html = login("editor").get(reverse("editorial_freshness")).content.decode()
    assert "栏目更新监测" in html and "工作动态" in html
    assert "逾期 6 天" in html and 'class="editorial-overdue"' in html
    assert "政策法规" not in html  # not the editor's section
    assert "设置更新期限" not in html

    admin_html = login("city_admin").get(reverse("editorial_freshness") + "?overdue=1").content.decode()
    assert "政策法规" in admin_html and "设置更新期限" in admin_html


def test_only_overdue_hides_sections_on_time(site, login):
    thresholds(news_days=14)
    news_dated(site, 1)
    news_link = f'href="{reverse("wagtailadmin_explore", args=[site.indexes["news"].pk])}"'
    assert news_link in login("editor").get(reverse("editorial_freshness")).content.decode()
    html = login("editor").get(reverse("editorial_freshness") + "?overdue=1").content.decode()
    assert news_link not in html
    assert "显示全部栏目" in html


def test_users_without_a_section_may_not_see_the_report(site, django_user_model, client):
    from django.contrib.auth.models import Permission

    outsider = django_user_model.objects.create_user("outsider", "outsider@example.org", "pw-for-tests-only")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert is_denied(client.get(reverse("editorial_freshness")))
    assert reverse("editorial_freshness") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_dashboard_warns_the_responsible_editor_only(site, login):
    thresholds(news_days=14, policies_days=180)
    news_dated(site, 40)
    policy_dated(site, 10)
    editor = login("editor").get(reverse("wagtailadmin_home")).content.decode()
    assert "栏目更新逾期" in editor and "工作动态" in editor
    assert reverse("editorial_freshness") in editor
    assert [section.page.pk for section in overdue_sections_for(site.users["policy_editor"])] == []
    policy_editor = login("policy_editor").get(reverse("wagtailadmin_home")).content.decode()
    assert "栏目更新逾期" not in policy_editor


def test_the_dashboard_panel_shows_ten_sections_and_counts_the_rest(site, login):
    overdue = len(overdue_sections_for(site.users["city_admin"]))
    assert overdue > 10  # nothing is published in the test portal
    html = login("city_admin").get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="overdue-sections-section"')[1].split("</section>")[0]
    assert panel.count('<span class="editorial-status editorial-status--overdue">') == 10
    assert f"还有 {overdue - 10} 个逾期栏目" in panel
