"""The whole programme in Chromium, as the three kinds of officer meet it, on the demo data.

Nghệ An's province officer registers one more ward in the 2025 round; the ward officer of
Trường Vinh fills the 22 criteria with one evidence file (TC12 short of its threshold) and
submits; the province returns it with a comment on TC12; the ward fixes TC12 and resubmits; the
province approves; the ministry recognises the unit by decision; the dashboards and the
assessment page show it. Screenshots of every main page go to the artifacts folder.
"""

import re

from playwright.sync_api import Page, expect

from .actions import screenshot, sign_in

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

# The default criteria set: what meets each criterion, and TC12 (≥ 80%) at first short of it.
YES = ["TC01", "TC03", "TC04", "TC07", "TC08", "TC09", "TC10", "TC16", "TC19", "TC20", "TC21"]
PERCENT = {code: "100" for code in ["TC02", "TC06", "TC11", "TC13", "TC14", "TC15", "TC17"]}
PERCENT |= {"TC18": "92,5", "TC22": "100", "TC12": "60"}
NUMBER = {"TC05": "0"}  # crimes up on last year: ≤ 0
DECISION = "1234/QĐ-BCA"


def _state(name: str) -> re.Pattern:
    return re.compile(re.escape(name), re.IGNORECASE)


def _officer(browser, site, username: str, *, width: int = 1366, height: int = 768) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations
    sign_in(page, site.url, username)
    return page


def _fill_the_criteria(ward: Page) -> None:
    for code in YES:
        ward.locator(f"#id_{code}-value_0").check()
    for code, value in (PERCENT | NUMBER).items():
        ward.locator(f"#id_{code}-value").fill(value)
    _save_all(ward)


def _save_all(ward: Page) -> None:
    """Press "Lưu" (htmx swaps the page's main part in place) and wait for the confirmation."""
    ward.locator("#save-all").click()
    expect(ward.locator("main")).to_contain_text("Đã lưu kết quả tự đánh giá.")


def _number(page: Page, selector: str) -> int:
    return int(page.locator(selector).inner_text().replace(".", "").strip())


def test_a_unit_goes_from_self_assessment_to_recognition(browser, site, screenshots, tmp_path):
    ministry = _officer(browser, site, "bocongan")
    recognised_before = _number(ministry, "#kpi-recognised .kpi-value")
    nghe_an_label = ministry.locator('#province-map a[href="/dashboard/province/40/"]')
    nghe_an_before = int(
        re.search(r"Được công nhận: (\d+)/11", nghe_an_label.get_attribute("aria-label"))[1]
    )

    # The province registers one more ward (over its quota: allowed).
    province = _officer(browser, site, "catinh.nghean")
    province_recognised_before = _number(province, "#kpi-recognised .kpi-value")
    screenshot(province, screenshots, "10-province-dashboard-before")
    province.get_by_role("link", name="Đăng ký", exact=True).click()
    registered_before = _number(province, "#kpi-registered")
    province.get_by_label("Tìm phường theo tên").fill("cua lo")
    province.get_by_role("button", name="Tìm", exact=True).click()
    province.get_by_role("button", name="Đăng ký Phường Cửa Lò").click()
    expect(province.locator("#registered-wards")).to_contain_text("Cửa Lò")
    expect(province.locator("#kpi-registered")).to_have_text(str(registered_before + 1))
    screenshot(province, screenshots, "11-province-registrations")

    # The ward fills the 22 criteria, TC12 short of 80%, and adds one evidence file.
    ward = _officer(browser, site, "caphuong.truongvinh")
    expect(ward.get_by_role("heading", level=1)).to_contain_text("Đánh giá của đơn vị")
    _fill_the_criteria(ward)
    expect(ward.locator("#assessment-count")).to_contain_text("21/22 tiêu chí đạt")
    evidence = tmp_path / "bien-ban-hop-dan.pdf"
    evidence.write_bytes(PDF)
    ward.get_by_label("Thêm tệp minh chứng cho TC01").set_input_files(evidence)
    expect(ward.get_by_role("link", name=re.compile("bien-ban-hop-dan.pdf"))).to_be_visible()
    screenshot(ward, screenshots, "20-ward-assessment")
    ward.locator("#submit-start").click()
    ward.wait_for_url(re.compile(r"/submit/$"))
    screenshot(ward, screenshots, "21-ward-submit-confirmation")
    ward.locator("#submit-confirm").click()
    expect(ward.locator("main")).to_contain_text(_state("đã gửi thẩm định"))
    expect(ward.locator("#id_TC12-value")).to_have_count(0)  # read-only once submitted
    screenshot(ward, screenshots, "22-ward-assessment-submitted")

    # The province reviews and returns it with a comment on TC12.
    province.get_by_role("link", name="Thẩm định", exact=True).click()
    screenshot(province, screenshots, "12-province-review-queue")
    province.get_by_role("link", name="Thẩm định Phường Trường Vinh").click()
    province.get_by_label("Nhận xét thẩm định — tiêu chí TC12").fill(
        "Tỷ lệ thủ tục qua dịch vụ công trực tuyến mới đạt 60%, chưa đạt 80%."
    )
    province.get_by_role("button", name="Lưu tiêu chí TC12").click()
    expect(province.locator("main")).to_contain_text("Đã lưu.")
    screenshot(province, screenshots, "13-province-review")
    province.get_by_label("Nội dung cần bổ sung, sửa đổi").fill(
        "Đề nghị phường rà soát lại tiêu chí TC12 và bổ sung số liệu."
    )
    province.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(province.locator("main")).to_contain_text(_state("trả lại để bổ sung"))

    # The ward reads the comments, fixes TC12 and sends it again.
    ward.goto(f"{site.url}/unit/assessment/")
    expect(ward.locator("main")).to_contain_text(
        "Đề nghị phường rà soát lại tiêu chí TC12 và bổ sung số liệu."
    )
    expect(ward.locator("main")).to_contain_text("mới đạt 60%, chưa đạt 80%")
    screenshot(ward, screenshots, "23-ward-assessment-returned")
    ward.locator("#id_TC12-value").fill("85")
    _save_all(ward)
    expect(ward.locator("#assessment-count")).to_contain_text("22/22 tiêu chí đạt")
    ward.locator("#submit-start").click()
    ward.wait_for_url(re.compile(r"/submit/$"))
    ward.locator("#submit-confirm").click()
    expect(ward.locator("main")).to_contain_text(_state("đã gửi thẩm định"))

    # The province approves.
    province.goto(f"{site.url}/province/reviews/")
    province.get_by_role("link", name="Thẩm định Phường Trường Vinh").click()
    province.locator("#review-approve").click()
    expect(province.locator("main")).to_contain_text(
        "Đã phê duyệt bản đánh giá của Phường Trường Vinh"
    )

    # The ministry recognises it by decision.
    ministry.get_by_role("link", name="Công nhận", exact=True).click()
    screenshot(ministry, screenshots, "30-ministry-recognition-queue")
    ministry.get_by_role("link", name="Xem xét, công nhận Phường Trường Vinh").click()
    ministry.get_by_label("Số quyết định").fill(DECISION)
    ministry.get_by_label("Ngày quyết định").fill("15/12/2025")
    screenshot(ministry, screenshots, "31-ministry-recognise")
    ministry.locator("#recognise-submit").click()
    expect(ministry.locator("main")).to_contain_text(DECISION)

    # The dashboards reflect it.
    ministry.get_by_role("link", name="Tổng quan toàn quốc").click()
    expect(ministry.locator("#kpi-recognised .kpi-value")).to_have_text(str(recognised_before + 1))
    nghe_an = ministry.locator('#province-map a[href="/dashboard/province/40/"]')
    expect(nghe_an).to_have_attribute(
        "aria-label", re.compile(rf"Được công nhận: {nghe_an_before + 1}/11 phường")
    )
    screenshot(ministry, screenshots, "32-national-dashboard")
    nghe_an.focus()  # the map's provinces are links a keyboard reaches
    ministry.keyboard.press("Enter")
    expect(ministry).to_have_url(re.compile(r"/dashboard/province/40/$"))
    after = str(province_recognised_before + 1)
    expect(ministry.locator("#kpi-recognised .kpi-value")).to_have_text(after)

    province.get_by_role("link", name="Tổng quan của tỉnh").click()
    expect(province.locator("#kpi-recognised .kpi-value")).to_have_text(after)
    expect(province.locator("#units")).to_contain_text(_state("đã công nhận"))
    screenshot(province, screenshots, "14-province-dashboard-after")

    ward.goto(f"{site.url}/unit/assessment/")
    expect(ward.locator("main")).to_contain_text(DECISION)
    expect(ward.locator("main")).to_contain_text("15/12/2025")
    screenshot(ward, screenshots, "24-ward-assessment-recognised")


def test_the_ward_pages_fit_a_phone(browser, site, screenshots):
    ward = _officer(browser, site, "caphuong.truongvinh", width=390, height=844)

    for path, name in [
        ("/unit/assessment/", "40-phone-assessment"),
        ("/unit/actions/", "41-phone-action-plan"),
        ("/unit/resources/", "42-phone-resources"),
    ]:
        ward.goto(f"{site.url}{path}")
        overflow = ward.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
        screenshot(ward, screenshots, name)
