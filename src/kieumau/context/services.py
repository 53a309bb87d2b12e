"""State changes of the context app: directive documents, resources, good practices.

Each service checks the actor's right (accounts.scopes) before anything else, validates every
value before writing, runs in one transaction and is audited with the actor (django-auditlog).
Refusals are ``Denied``; bad values are a ValidationError keyed by field, in the language
active when it is read.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, require, require_any
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level
from kieumau.context.models import (
    DirectiveDocument,
    GoodPractice,
    GoodPracticePhoto,
    GoodPracticeTag,
    Resources,
)
from kieumau.context.tags import TAG_MAX_LENGTH, TAGS_PER_PRACTICE_MAX, tags_normalise
from kieumau.core.audit import acting_as
from kieumau.core.concurrency import saved_once
from kieumau.core.files import StoredFiles, files_delete_on_commit, files_removed_on_error
from kieumau.core.uploads import DOCUMENTS, IMAGES, CheckedUpload, upload_check
from kieumau.programme.models import Registration

Message = str | Promise | ValidationError
Errors = dict[str, list[ValidationError]]

# ---- directive documents -------------------------------------------------------------------


def directive_document_add(
    *,
    actor: User,
    province: AdminUnit,
    issuer: str,
    kind: str,
    number: str,
    date: datetime.date,
    title: str,
    upload: UploadedFile | None = None,
) -> DirectiveDocument:
    """Record a leadership document of ``province``, with its file when one is given.

    Side effects: a DirectiveDocument row; the file stored under a random name in
    ``directives/``; an audit entry (create) with the actor.
    """
    require(actor, Permission.DOCUMENT, unit=province)
    document = DirectiveDocument(
        province=province,
        issuer=issuer,
        kind=kind,
        number=" ".join(number.split()),
        date=date,
        title=" ".join(title.split()),
        created_by=actor,
    )
    errors: Errors = {}
    checked = _upload_checked(upload, DOCUMENTS, errors, field="file")
    with files_removed_on_error() as files, transaction.atomic(), acting_as(actor):
        _directive_validate(document, errors)
        if upload is not None and checked is not None:
            _directive_file_set(document, files, upload, checked)
        _directive_save(document)
    return document


def directive_document_update(
    *,
    actor: User,
    document: DirectiveDocument,
    issuer: str | None = None,
    kind: str | None = None,
    number: str | None = None,
    date: datetime.date | None = None,
    title: str | None = None,
    upload: UploadedFile | None = None,
    remove_file: bool = False,
) -> DirectiveDocument:
    """Change the given fields of a document (None: unchanged); replace or remove its file.

    The province cannot change. Side effects: the row updated; a new file stored, the old one
    deleted once the change is committed; an audit entry (update) with the actor.
    """
    with files_removed_on_error() as files, transaction.atomic(), acting_as(actor):
        current = _directive_locked(document.pk)
        require(actor, Permission.DOCUMENT, unit=current.province)
        errors: Errors = {}
        checked = _upload_checked(upload, DOCUMENTS, errors, field="file")
        if upload is not None and remove_file:
            _add(errors, "file", _("Choose one: replace the file or remove it."))
        texts = {"issuer": issuer, "kind": kind, "number": number, "title": title}
        for field, text in texts.items():
            if text is not None:
                setattr(current, field, " ".join(text.split()))
        if date is not None:
            current.date = date
        _directive_validate(current, errors)
        if upload is not None or remove_file:
            files_delete_on_commit(current.file)
            _directive_file_clear(current)
        if upload is not None and checked is not None:
            _directive_file_set(current, files, upload, checked)
        _directive_save(current)
    return current


def directive_document_remove(*, actor: User, document: DirectiveDocument) -> None:
    """Delete a document. Side effects: its file deleted after commit; an audit entry (delete)."""
    with transaction.atomic(), acting_as(actor):
        current = _directive_locked(document.pk)
        require(actor, Permission.DOCUMENT, unit=current.province)
        files_delete_on_commit(current.file)
        current.delete()


def _directive_locked(pk: int) -> DirectiveDocument:
    return DirectiveDocument.objects.select_for_update().select_related("province").get(pk=pk)


def _directive_validate(document: DirectiveDocument, errors: Errors) -> None:
    """Raise every problem of ``document`` (and those already in ``errors``) at once."""
    if document.province.level != Level.PROVINCE:
        _add(errors, "province", _("A directive document must belong to a province or city."))
    if document.issuer not in DirectiveDocument.Issuer.values:
        _add(errors, "issuer", _("The issuer is not valid."))
    if document.kind not in DirectiveDocument.Kind.values:
        _add(errors, "kind", _("The type of document is not valid."))
    _text_check(errors, "number", document.number, _("Number and symbol of the document"), 50)
    _text_check(errors, "title", document.title, _("Summary"), 500)
    if not isinstance(document.date, datetime.date):
        _add(errors, "date", _("The date of issue is not valid."))
    elif document.date > timezone.localdate():
        _add(errors, "date", _("The date of issue may not be later than today."))
    if not errors and _directive_duplicate_exists(document):
        _add(errors, "number", _directive_duplicate_message(document))
    if errors:
        raise ValidationError(errors)
    document.full_clean()


def _directive_duplicate_exists(document: DirectiveDocument) -> bool:
    return (
        DirectiveDocument.objects.filter(
            province=document.province,
            issuer=document.issuer,
            number__iexact=document.number,
            date=document.date,
        )
        .exclude(pk=document.pk)
        .exists()
    )


def _directive_duplicate_message(document: DirectiveDocument) -> ValidationError:
    return ValidationError(
        _(
            "Document no. %(number)s of %(date)s from the same issuer is already recorded "
            "for %(province)s."
        ),
        params={
            "number": document.number,
            "date": f"{document.date:%d/%m/%Y}",
            "province": document.province.full_name,
        },
    )


def _directive_file_set(
    document: DirectiveDocument, files: StoredFiles, upload: UploadedFile, checked: CheckedUpload
) -> None:
    files.write(document.file, checked, upload)
    document.file_name = checked.original_name
    document.file_content_type = checked.content_type
    document.file_size = checked.size
    document.file_sha256 = checked.sha256


def _directive_file_clear(document: DirectiveDocument) -> None:
    document.file = ""
    document.file_name = document.file_content_type = document.file_sha256 = ""
    document.file_size = None


def _directive_save(document: DirectiveDocument) -> None:
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:  # the same document recorded at the same moment
        raise ValidationError({"number": _directive_duplicate_message(document)}) from error


# ---- resources -----------------------------------------------------------------------------

RESOURCE_COUNTS = {
    "staff_norm": _("Authorised staff (định biên)"),
    "staff_actual": _("Officers in post"),
    "staff_under_35": _("Officers under 35"),
    "staff_with_degree": _("Officers with a university degree"),
    "funding_planned_vnd": _("Estimated budget"),
    "funding_disbursed_vnd": _("Funding disbursed"),
}


def resources_set(
    *,
    actor: User,
    registration: Registration,
    staff_norm: int,
    staff_actual: int,
    staff_under_35: int,
    staff_with_degree: int,
    headquarters: str,
    funding_planned_vnd: int,
    funding_disbursed_vnd: int,
    equipment_adequate: bool,
) -> Resources:
    """Record (create or replace) the staffing, headquarters, funding and equipment of a unit.

    Disbursed funding may exceed the plan (top-ups happen); negative numbers may not.
    The ward's officer, or its province's collecting from a workbook, may record them.
    Side effects: the Resources row of the registration created or updated; an audit entry.
    """
    require_any(actor, [Permission.ASSESS, Permission.COLLECT], unit=registration.unit)
    counts = {
        "staff_norm": staff_norm,
        "staff_actual": staff_actual,
        "staff_under_35": staff_under_35,
        "staff_with_degree": staff_with_degree,
        "funding_planned_vnd": funding_planned_vnd,
        "funding_disbursed_vnd": funding_disbursed_vnd,
    }
    _resources_validate(counts, headquarters)
    with transaction.atomic(), acting_as(actor):
        resources = Resources.objects.select_for_update().filter(registration=registration).first()
        resources = resources or Resources(registration=registration)
        for field, value in counts.items():
            setattr(resources, field, value)
        resources.headquarters = headquarters
        resources.equipment_adequate = bool(equipment_adequate)
        resources.full_clean()
        with saved_once():
            resources.save()
    return resources


def _resources_validate(counts: dict[str, int], headquarters: str) -> None:
    errors: Errors = {}
    for field, value in counts.items():
        label = RESOURCE_COUNTS[field]
        if not isinstance(value, int) or isinstance(value, bool):
            _add(errors, field, _("%(label)s must be a whole number."), label=label)
        elif value < 0:
            _add(errors, field, _("%(label)s may not be negative."), label=label)
    actual = counts["staff_actual"]
    if "staff_actual" not in errors:
        for field in ("staff_under_35", "staff_with_degree"):
            if field not in errors and counts[field] > actual:
                _add(
                    errors,
                    field,
                    _("%(label)s (%(count)s) may not exceed the officers in post (%(actual)s)."),
                    label=RESOURCE_COUNTS[field],
                    count=counts[field],
                    actual=actual,
                )
    if headquarters not in Resources.Headquarters.values:
        _add(errors, "headquarters", _("The state of the headquarters is not valid."))
    if errors:
        raise ValidationError(errors)


# ---- good practices ------------------------------------------------------------------------


def good_practice_add(
    *,
    actor: User,
    registration: Registration,
    title: str,
    description: str,
    tags: Iterable[str] | str,
    photos: Sequence[UploadedFile] = (),
) -> GoodPractice:
    """Share a unit's good practice with its tags and photos (images only, all or none).

    Side effects: a GoodPractice row, one GoodPracticeTag row per tag, one GoodPracticePhoto
    row per photo with its file stored under a random name in ``practices/``; audit entries.
    """
    require(actor, Permission.ASSESS, unit=registration.unit)
    practice = GoodPractice(
        registration=registration,
        title=" ".join(title.split()),
        description=description.strip(),
        created_by=actor,
    )
    names = tags_normalise(tags)
    errors: Errors = {}
    _text_check(errors, "title", practice.title, _("Name of the practice"), 300)
    if not practice.description:
        _add(errors, "description", _("The description of the practice may not be empty."))
    _tags_check(errors, names)
    checked = [_upload_checked(photo, IMAGES, errors, field="photos") for photo in photos]
    if errors:
        raise ValidationError(errors)
    with files_removed_on_error() as files, transaction.atomic(), acting_as(actor):
        practice.full_clean()
        practice.save()
        for name in names:
            tag = GoodPracticeTag(practice=practice, name=name)
            tag.full_clean()
            tag.save()
        for upload, upload_checked in zip(photos, checked, strict=True):
            if upload_checked is not None:  # always: a refused photo has raised above
                _photo_save(practice, files, upload, upload_checked, caption="")
    return practice


def good_practice_photo_add(
    *, actor: User, practice: GoodPractice, upload: UploadedFile, caption: str = ""
) -> GoodPracticePhoto:
    """Add a photo (JPEG, PNG, WebP or GIF, read from the bytes) to a good practice.

    Side effects: a GoodPracticePhoto row; the file stored under a random name in
    ``practices/``; an audit entry (create) with the actor.
    """
    require(actor, Permission.ASSESS, unit=practice.registration.unit)
    errors: Errors = {}
    checked = _upload_checked(upload, IMAGES, errors, field="photos")
    caption = " ".join(caption.split())
    if len(caption) > 300:
        _add(errors, "caption", _("The caption is longer than 300 characters."))
    if errors or checked is None:
        raise ValidationError(errors)
    with files_removed_on_error() as files, transaction.atomic(), acting_as(actor):
        return _photo_save(practice, files, upload, checked, caption=caption)


def good_practice_photo_remove(*, actor: User, photo: GoodPracticePhoto) -> None:
    """Delete a photo. Side effects: its file deleted after commit; an audit entry (delete)."""
    with transaction.atomic(), acting_as(actor):
        current = (
            GoodPracticePhoto.objects.select_for_update()
            .select_related("practice__registration__unit")
            .get(pk=photo.pk)
        )
        require(actor, Permission.ASSESS, unit=current.practice.registration.unit)
        files_delete_on_commit(current.image)
        current.delete()


def good_practice_remove(*, actor: User, practice: GoodPractice) -> None:
    """Delete a good practice with its tags and photos.

    Side effects: the rows deleted; photo files deleted after commit; audit entries (delete)
    for the practice, each tag and each photo.
    """
    with transaction.atomic(), acting_as(actor):
        current = (
            GoodPractice.objects.select_for_update()
            .select_related("registration__unit")
            .get(pk=practice.pk)
        )
        require(actor, Permission.ASSESS, unit=current.registration.unit)
        files_delete_on_commit(*(photo.image for photo in current.photos.all()))
        current.delete()


def _tags_check(errors: Errors, names: list[str]) -> None:
    for name in names:
        if len(name) > TAG_MAX_LENGTH:
            message = _("The tag «%(name)s» is longer than %(max)s characters.")
            _add(errors, "tags", message, name=name, max=TAG_MAX_LENGTH)
    if len(names) > TAGS_PER_PRACTICE_MAX:
        message = _("A practice has at most %(max)s tags.")
        _add(errors, "tags", message, max=TAGS_PER_PRACTICE_MAX)


def _photo_save(
    practice: GoodPractice,
    files: StoredFiles,
    upload: UploadedFile,
    checked: CheckedUpload,
    *,
    caption: str,
) -> GoodPracticePhoto:
    photo = GoodPracticePhoto(
        practice=practice,
        caption=caption,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    photo.full_clean(exclude=["image"])  # the file is written only once the row is valid
    files.write(photo.image, checked, upload)
    photo.save()
    return photo


# ---- shared --------------------------------------------------------------------------------


def _upload_checked(
    upload: UploadedFile | None, allowed: dict[str, str], errors: Errors, *, field: str
) -> CheckedUpload | None:
    """The checked upload, or None with the reason added to ``errors`` under ``field``."""
    if upload is None:
        return None
    try:
        return upload_check(upload, allowed=allowed)
    except ValidationError as error:
        name = upload.name or _("file")
        for item in error.error_list:
            _add(errors, field, "«%(name)s»: %(refusal)s", name=name, refusal=_text(item))
        return None


def _text_check(errors: Errors, field: str, value: str, label: Promise, max_length: int) -> None:
    if not value:
        _add(errors, field, _("%(label)s may not be empty."), label=label)
    elif len(value) > max_length:
        message = _("%(label)s is longer than %(max)s characters.")
        _add(errors, field, message, label=label, max=max_length)


def _add(errors: Errors, field: str, message: Message, **params: object) -> None:
    """Note a refusal of ``field``; its ``params`` are put in when the message is read, in the
    language active then."""
    errors.setdefault(field, []).append(ValidationError(message, params=params or None))


# An upload's refusal as text, read late like every other message here.
_text = lazy(lambda error: " ".join(error.messages), str)
