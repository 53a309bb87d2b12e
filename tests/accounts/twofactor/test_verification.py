"""The second step of signing in: an app code or a recovery code, each accepted once."""

import pytest

from kieumau.accounts.twofactor.verification import CodeCheck, second_factor_check

from .helpers import app_code, enrolled, fresh_code


def test_the_apps_current_code_is_accepted(people):
    setup = enrolled(people.province_own)

    check = second_factor_check(user=people.province_own, code=fresh_code(setup.device))

    assert check == CodeCheck(device=setup.device)


def test_a_code_is_accepted_only_once(people):
    setup = enrolled(people.province_own)
    code = fresh_code(setup.device)
    second_factor_check(user=people.province_own, code=code)

    replayed = second_factor_check(user=people.province_own, code=code)

    assert replayed == CodeCheck()


def test_an_expired_code_is_refused(people):
    setup = enrolled(people.province_own)

    check = second_factor_check(
        user=people.province_own, code=app_code(setup.device, steps_from_now=-3)
    )

    assert check == CodeCheck()
    setup.device.refresh_from_db()
    assert setup.device.throttling_failure_count == 1


def test_a_code_of_another_officers_app_is_refused(people):
    own = enrolled(people.province_own)
    other = enrolled(people.province_other)
    code = fresh_code(other.device)

    assert code != fresh_code(own.device)
    assert second_factor_check(user=people.province_own, code=code) == CodeCheck()


def test_spaces_in_a_code_do_not_matter(people):
    setup = enrolled(people.ward_own)
    code = fresh_code(setup.device)

    check = second_factor_check(user=people.ward_own, code=f" {code[:3]} {code[3:]} ")

    assert check.device == setup.device


def test_a_recovery_code_works_once_and_is_then_gone(people):
    setup = enrolled(people.ministry)
    code = setup.recovery_codes[3]

    first = second_factor_check(user=people.ministry, code=code.upper())
    again = second_factor_check(user=people.ministry, code=code)

    assert first.accepted and first.device.name == "Recovery codes"
    assert again == CodeCheck()
    assert set(first.device.token_set.values_list("token", flat=True)) == set(
        setup.recovery_codes
    ) - {code}


def test_after_a_wrong_code_even_the_right_one_waits(people, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    setup = enrolled(people.province_own)
    right = fresh_code(setup.device)
    wrong = "000000" if right != "000000" else "111111"
    last_step = setup.device.last_t

    assert second_factor_check(user=people.province_own, code=wrong) == CodeCheck()
    throttled = second_factor_check(user=people.province_own, code=right)

    assert throttled == CodeCheck(wait_seconds=60)
    setup.device.refresh_from_db()
    assert (setup.device.last_t, setup.device.throttling_failure_count) == (last_step, 1)


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abc", "' OR 1=1 --", "x" * 20])
def test_malformed_codes_are_refused_without_an_error(people, code):
    enrolled(people.province_own)

    assert second_factor_check(user=people.province_own, code=code) == CodeCheck()


def test_a_user_without_devices_has_nothing_to_match(people):
    assert second_factor_check(user=people.ward_own, code="123456") == CodeCheck()
