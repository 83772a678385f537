"""The catalog in a real browser: search, facets, the category page, languages, laptop and phone."""

import pytest

from tests.browser.conftest import screenshot


def assert_fits(page):
    """Nothing sticks out sideways: the page is as wide as the screen."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


LANGS = {"zh_CN": "数据目录", "en": "Data catalog"}


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_home_results_and_category_pages(live_server, new_page, lang, viewport):
    page = new_page(viewport)
    page.goto(f"{live_server}/?lang={lang}")
    assert LANGS[lang] in page.inner_text("header")
    assert page.locator(".stats dd").count() == 3
    assert_fits(page)
    screenshot(page, f"home-{lang}-{viewport}")

    page.fill("input[name=q]", "营业执照")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?**")
    first = page.locator(".result").first
    assert "营业执照" in first.inner_text() or "licence" in first.inner_text().lower()
    assert page.locator(".result mark").count() > 0
    assert_fits(page)
    if viewport == "phone":  # filters fold away so results come first; one tap opens them
        assert page.locator("details.facet-panel").get_attribute("open") is None
        page.click("details.facet-panel summary")
        assert page.locator(".facet[data-facet=department]").is_visible()
    screenshot(page, f"results-{lang}-{viewport}")

    first.locator("a.result-title").click()
    page.wait_for_url("**/categories/**")
    assert page.locator("table.fields tbody tr").count() >= 3
    assert_fits(page)
    screenshot(page, f"category-{lang}-{viewport}")


def test_a_facet_narrows_the_results_to_its_count(live_server, new_page):
    page = new_page()
    page.goto(f"{live_server}/search?q=信息")
    total_text = page.locator(".result-count").inner_text()
    facet = page.locator(".facet[data-facet=openness] li a").first
    expected = facet.locator(".facet-count").inner_text()
    facet.click()
    page.wait_for_load_state()
    assert expected in page.locator(".result-count").inner_text()
    assert page.locator(".result-count").inner_text() != total_text
    assert page.locator(".facet[data-facet=openness] li.selected").count() == 1


def test_pinyin_initials_find_business_licences(live_server, new_page):
    page = new_page()
    page.goto(f"{live_server}/search?q=yyzz")
    assert "营业执照" in page.locator(".result").first.inner_text()


def test_a_misspelling_gets_a_suggestion(live_server, new_page):
    page = new_page("laptop", "en-US")
    page.goto(f"{live_server}/search?q=licnese&lang=en")
    suggestion = page.locator(".suggestion a")
    assert suggestion.count() == 1
    suggestion.click()
    page.wait_for_load_state()
    assert page.locator(".result").count() > 0


def test_language_switch_keeps_the_page(live_server, new_page):
    page = new_page()
    page.goto(f"{live_server}/categories/SCJGJ-001")
    page.click(".lang-switch a")
    page.wait_for_load_state()
    assert "/categories/SCJGJ-001" in page.url
    assert "About this data" in page.content()
