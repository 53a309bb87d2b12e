import pytest
from django.core.exceptions import ValidationError

from kieumau.context import services
from kieumau.context.models import Resources

STAFFED = {
    "staff_norm": 30,
    "staff_actual": 28,
    "staff_under_35": 12,
    "staff_with_degree": 20,
    "headquarters": Resources.Headquarters.CONVERTED,
    "funding_planned_vnd": 2_500_000_000,
    "funding_disbursed_vnd": 1_800_000_000,
    "equipment_adequate": True,
}


def set_resources(world, **changes) -> Resources:
    values = {"actor": world.users["ward_own"], "registration": world.registration, **STAFFED}
    return services.resources_set(**(values | changes))


def test_resources_set_creates_the_units_resources(world):
    set_resources(world)

    resources = Resources.objects.get(registration=world.registration)
    assert (resources.staff_norm, resources.staff_actual) == (30, 28)
    assert (resources.staff_under_35, resources.staff_with_degree) == (12, 20)
    assert resources.headquarters == Resources.Headquarters.CONVERTED
    assert (resources.funding_planned_vnd, resources.funding_disbursed_vnd) == (
        2_500_000_000,
        1_800_000_000,
    )
    assert resources.equipment_adequate is True


def test_resources_set_again_updates_the_same_row(world):
    first = set_resources(world)

    second = set_resources(world, staff_actual=30, headquarters=Resources.Headquarters.INDEPENDENT)

    assert second.pk == first.pk
    assert Resources.objects.count() == 1
    assert Resources.objects.values_list("staff_actual", "headquarters").get() == (
        30,
        "independent",
    )


def test_resources_set_accepts_more_disbursed_than_planned(world):
    resources = set_resources(world, funding_planned_vnd=0, funding_disbursed_vnd=500_000_000)

    assert resources.funding_disbursed_vnd == 500_000_000


def test_resources_set_accepts_counts_equal_to_the_staff_in_post(world):
    resources = set_resources(world, staff_actual=12, staff_under_35=12, staff_with_degree=12)

    assert resources.staff_with_degree == 12


def test_resources_set_refuses_more_young_or_graduate_officers_than_in_post(world):
    with pytest.raises(ValidationError) as refused:
        set_resources(world, staff_actual=10, staff_under_35=11, staff_with_degree=25)

    assert refused.value.message_dict == {
        "staff_under_35": [
            "Số cán bộ dưới 35 tuổi (11) không được lớn hơn số cán bộ thực tế (10)."
        ],
        "staff_with_degree": [
            "Số cán bộ có trình độ đại học (25) không được lớn hơn số cán bộ thực tế (10)."
        ],
    }
    assert not Resources.objects.exists()


def test_resources_set_refuses_negative_numbers(world):
    with pytest.raises(ValidationError) as refused:
        set_resources(world, staff_norm=-1, funding_planned_vnd=-5, funding_disbursed_vnd=-1)

    assert refused.value.message_dict == {
        "staff_norm": ["Số biên chế (định biên) không được âm."],
        "funding_planned_vnd": ["Kinh phí dự kiến không được âm."],
        "funding_disbursed_vnd": ["Kinh phí đã giải ngân không được âm."],
    }


def test_resources_set_refuses_non_integers_and_an_unknown_headquarters_status(world):
    with pytest.raises(ValidationError) as refused:
        set_resources(world, staff_actual="28", staff_norm=True, headquarters="nha_thue")

    assert refused.value.message_dict == {
        "staff_norm": ["Số biên chế (định biên) phải là số nguyên."],
        "staff_actual": ["Số cán bộ thực tế phải là số nguyên."],
        "headquarters": ["Tình trạng trụ sở không hợp lệ."],
    }


def test_resources_set_refused_leaves_the_recorded_values(world):
    set_resources(world)
    before = Resources.objects.values().get()

    with pytest.raises(ValidationError):
        set_resources(world, staff_actual=5)

    assert Resources.objects.values().get() == before


def test_resources_model_constraint_speaks_vietnamese(world):
    resources = Resources(registration=world.registration, **(STAFFED | {"staff_actual": 1}))

    with pytest.raises(ValidationError) as refused:
        resources.full_clean()

    assert refused.value.messages == [
        "Số cán bộ dưới 35 tuổi và số có trình độ đại học không được lớn hơn số cán bộ thực tế."
    ]
