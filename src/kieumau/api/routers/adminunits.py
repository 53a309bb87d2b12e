"""API: adminunits (see kieumau/api/api.py for the conventions)."""

from ninja import Router

router = Router(tags=["adminunits"])
