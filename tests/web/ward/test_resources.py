import pytest

from kieumau.context.models import Resources
from kieumau.context.services import resources_set

from .helpers import page

FORM = {
    "staff_norm": "32",
    "staff_actual": "28",
    "staff_under_35": "12",
    "staff_with_degree": "20",
    "headquarters": "converted",
    "funding_planned_vnd": "2.500.000.000",
    "funding_disbursed_vnd": "1.800.000.000",
    "equipment_adequate": "on",
}


@pytest.fixture
def ward(client, people):
    client.force_login(people.ward_own)
    return client


def test_without_resources_the_page_asks_for_them(ward, assessment):
    html = page(ward, "/unit/resources/")

    assert "<h1>Nguồn lực của đơn vị</h1>" in html
    assert "Đơn vị chưa nhập nguồn lực cho đợt này." in html
    assert '<h2 id="resources-form-title">Nhập nguồn lực</h2>' in html
    assert '<label for="id_staff_norm">Biên chế (định biên)</label>' in html
    assert '<label for="id_funding_planned_vnd">Kinh phí dự kiến (đồng)</label>' in html
    assert '<option value="converted">Cải tạo từ công trình khác</option>' in html or (
        'value="converted"' in html
    )


def test_saving_resources_records_them_and_shows_staffing_and_money(ward, assessment):
    response = ward.post("/unit/resources/", FORM, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [("/unit/resources/", 302)]
    resources = Resources.objects.get(registration=assessment.registration)
    assert (resources.staff_norm, resources.staff_actual, resources.staff_under_35) == (32, 28, 12)
    assert (resources.funding_planned_vnd, resources.funding_disbursed_vnd) == (
        2_500_000_000,
        1_800_000_000,
    )
    assert resources.equipment_adequate is True
    assert "Đã lưu nguồn lực của đơn vị." in html
    assert '<span class="kpi-value">28/32</span>' in html
    assert '<span class="kpi-note">bằng 88% định biên</span>' in html  # 28 of 32
    assert "đã giải ngân 72% kế hoạch" in html
    assert "43% số cán bộ thực tế" in html  # 12 of 28 under 35
    assert '<span class="kpi-value kpi-text">1.800.000.000 đồng</span>' in html
    assert "đã giải ngân, trên tổng dự kiến 2.500.000.000 đồng" in html
    assert "Đạt định mức" in html
    assert 'name="funding_planned_vnd" value="2.500.000.000"' in html
    assert '<h2 id="resources-form-title">Cập nhật nguồn lực</h2>' in html


def test_more_young_officers_than_officers_is_refused_beside_the_field(ward, assessment):
    response = ward.post("/unit/resources/", FORM | {"staff_under_35": "30"})

    html = response.content.decode()
    assert response.status_code == 200
    assert not Resources.objects.exists()
    assert "Số cán bộ dưới 35 tuổi (30) không được lớn hơn số cán bộ thực tế (28)." in html
    assert 'name="staff_under_35" value="30"' in html
    assert 'name="funding_planned_vnd" value="2.500.000.000"' in html


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("staff_norm", "ba mươi", "Nhập một số nguyên, ví dụ 12."),
        ("staff_actual", "-1", "Số cán bộ thực tế không được âm."),
        ("funding_planned_vnd", "2,5 tỷ", "Nhập một số, ví dụ 85 hoặc 85,5."),
        ("funding_disbursed_vnd", "1.000,5", "Nhập số tiền nguyên, tính bằng đồng."),
        ("headquarters", "castle", "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_invalid_resources_keep_the_input_and_say_why(ward, assessment, field, typed, message):
    response = ward.post("/unit/resources/", FORM | {field: typed})

    html = response.content.decode()
    assert not Resources.objects.exists()
    assert message in html
    if field != "headquarters":
        assert f'name="{field}" value="{typed}"' in html


def test_resources_can_be_updated(ward, assessment, people):
    resources_set(
        actor=people.ward_own,
        registration=assessment.registration,
        staff_norm=30,
        staff_actual=25,
        staff_under_35=5,
        staff_with_degree=10,
        headquarters="shared",
        funding_planned_vnd=0,
        funding_disbursed_vnd=0,
        equipment_adequate=False,
    )
    assert 'name="staff_actual" value="25"' in page(ward, "/unit/resources/")

    ward.post("/unit/resources/", FORM)

    resources = Resources.objects.get()
    assert (resources.staff_actual, resources.headquarters) == (28, "converted")


def test_a_unit_not_registered_has_no_resources_page(client, people, round):
    client.force_login(people.ward_other)

    html = page(client, "/unit/resources/")

    assert "chưa được đăng ký tham gia Đợt đánh giá 2025." in html
    assert "id_staff_norm" not in html


def test_another_wards_resources_are_never_shown(client, people, assessment):
    resources_set(
        actor=people.ward_own,
        registration=assessment.registration,
        staff_norm=99,
        staff_actual=77,
        staff_under_35=5,
        staff_with_degree=10,
        headquarters="shared",
        funding_planned_vnd=0,
        funding_disbursed_vnd=0,
        equipment_adequate=False,
    )
    client.force_login(people.ward_other)

    html = page(client, "/unit/resources/")

    assert "77/99" not in html and 'value="77"' not in html
