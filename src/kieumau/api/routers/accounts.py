"""API: who the key belongs to."""

from ninja import Router, Schema

from kieumau.api.schemas import UnitRef, responses

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    unit: UnitRef | None


@router.get("/me", response=responses(MeOut), summary="The key's owner, role and unit")
def me(request):
    user = request.user
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        role=user.role,
        unit=user.unit,
    )
