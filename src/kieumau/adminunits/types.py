"""Levels and types of administrative units, and how to read a type from an official name.

GSO lists carry the type as the first words of the name ("Quận Ba Đình", "Thị trấn Đông Anh")
and not always in a column of its own, so the name is the source of truth for the type.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class UnitType(models.TextChoices):
    PROVINCE = "tinh", _("Province (tỉnh)")
    CENTRAL_CITY = "thanh_pho_tw", _("Centrally-run city")
    URBAN_DISTRICT = "quan", _("Urban district (quận)")
    RURAL_DISTRICT = "huyen", _("Rural district (huyện)")
    TOWN = "thi_xa", _("Town (thị xã)")
    PROVINCIAL_CITY = "thanh_pho_thuoc_tinh", _("City under a province")
    MUNICIPAL_CITY = "thanh_pho_thuoc_tp", _("City under a centrally-run city")
    WARD = "phuong", _("Ward (phường)")
    COMMUNE = "xa", _("Commune (xã)")
    TOWNSHIP = "thi_tran", _("Township (thị trấn)")
    SPECIAL_ZONE = "dac_khu", _("Special zone (đặc khu)")


LEVEL_OF_TYPE = {
    UnitType.PROVINCE: Level.PROVINCE,
    UnitType.CENTRAL_CITY: Level.PROVINCE,
    UnitType.URBAN_DISTRICT: Level.DISTRICT,
    UnitType.RURAL_DISTRICT: Level.DISTRICT,
    UnitType.TOWN: Level.DISTRICT,
    UnitType.PROVINCIAL_CITY: Level.DISTRICT,
    UnitType.MUNICIPAL_CITY: Level.DISTRICT,
    UnitType.WARD: Level.COMMUNE,
    UnitType.COMMUNE: Level.COMMUNE,
    UnitType.TOWNSHIP: Level.COMMUNE,
    UnitType.SPECIAL_ZONE: Level.COMMUNE,
}

# The Vietnamese word that opens the official name of a unit of each type.
PREFIX_OF_TYPE = {
    UnitType.PROVINCE: "Tỉnh",
    UnitType.CENTRAL_CITY: "Thành phố",
    UnitType.URBAN_DISTRICT: "Quận",
    UnitType.RURAL_DISTRICT: "Huyện",
    UnitType.TOWN: "Thị xã",
    UnitType.PROVINCIAL_CITY: "Thành phố",
    UnitType.MUNICIPAL_CITY: "Thành phố",
    UnitType.WARD: "Phường",
    UnitType.COMMUNE: "Xã",
    UnitType.TOWNSHIP: "Thị trấn",
    UnitType.SPECIAL_ZONE: "Đặc khu",
}

# Code lengths of GSO codes by level: "01", "001", "00001".
CODE_LENGTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


def split_official_name(
    full_name: str, level: Level, *, in_central_city: bool = False
) -> tuple[UnitType, str] | None:
    """Return the type and the bare name of ``"Quận Ba Đình"``-style names, or None.

    A district-level "Thành phố" is a city under a province, or under a centrally-run city
    (Thủ Đức) when ``in_central_city``. A province without a prefix is a tỉnh (the 2025 lists
    drop "Tỉnh").
    """
    name = " ".join(full_name.split())
    candidates = {
        Level.PROVINCE: [UnitType.CENTRAL_CITY, UnitType.PROVINCE],
        Level.DISTRICT: [
            UnitType.URBAN_DISTRICT,
            UnitType.RURAL_DISTRICT,
            UnitType.TOWN,
            UnitType.MUNICIPAL_CITY if in_central_city else UnitType.PROVINCIAL_CITY,
        ],
        Level.COMMUNE: [
            UnitType.WARD,
            UnitType.TOWNSHIP,
            UnitType.COMMUNE,
            UnitType.SPECIAL_ZONE,
        ],
    }[level]
    for unit_type in candidates:
        prefix = PREFIX_OF_TYPE[unit_type]
        if name.casefold().startswith(prefix.casefold() + " "):
            return unit_type, name[len(prefix) + 1 :].strip()
    if level == Level.PROVINCE and name:
        return UnitType.PROVINCE, name
    return None


def commune_type_from_label(label: str) -> UnitType | None:
    """Read the "Cấp" column of a GSO list ("Phường", "Xã", "Thị trấn", "Đặc khu")."""
    wanted = " ".join(label.split()).casefold()
    for unit_type in (UnitType.WARD, UnitType.COMMUNE, UnitType.TOWNSHIP, UnitType.SPECIAL_ZONE):
        if PREFIX_OF_TYPE[unit_type].casefold() == wanted:
            return unit_type
    return None
