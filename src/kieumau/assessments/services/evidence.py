"""Evidence files (minh chứng): checked before anything is stored, read only within scope."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.accounts.scopes import Permission, require
from kieumau.assessments.models import CriterionResult, Evidence
from kieumau.assessments.services.common import assessment_claim, require_state, result_fresh
from kieumau.assessments.workflow import EDITABLE
from kieumau.core.audit import acting_as
from kieumau.core.files import files_delete_on_commit, files_removed_on_error
from kieumau.core.uploads import EVIDENCE_TYPES, upload_check


def evidence_add(
    *, actor: User, result: CriterionResult, upload: UploadedFile, version: int | None = None
) -> Evidence:
    """Attach a file to a criterion result, stored under a random name with its SHA-256.

    Side effects: the file written to storage; an Evidence row; the assessment's version
    bumped; audit entries with ``actor``. Refused, storing nothing: Denied outside the actor's
    ward or role; ValidationError for a file of a type not accepted (read from its bytes), too
    large or empty, past the per-criterion limit, unless the assessment is a draft or
    returned, or when ``version`` is given and not current.
    """
    require(actor, Permission.ASSESS, unit=result.assessment.registration.unit)
    # Read and hash the file before taking any lock.
    checked = upload_check(upload, allowed=EVIDENCE_TYPES)
    with transaction.atomic(), acting_as(actor):
        assessment = assessment_claim(assessment_id=result.assessment_id, version=version)
        require_state(assessment, EDITABLE, _("add evidence"))
        result = result_fresh(result, assessment)
        limit = settings.EVIDENCE_MAX_FILES_PER_CRITERION
        if result.evidence.count() >= limit:
            raise ValidationError(
                _(
                    "Criterion %(code)s already has %(limit)s evidence files, the most allowed; "
                    "remove some before adding more."
                ),
                params={"code": result.criterion.code, "limit": limit},
            )
        evidence = Evidence(
            result=result,
            storage_name=checked.storage_name,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        evidence.full_clean(exclude=["file"])
        with files_removed_on_error() as files:
            files.write(evidence.file, checked, upload)
            evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: Evidence, version: int | None = None) -> None:
    """Remove an evidence file.

    Side effects: the Evidence row deleted; its file deleted from storage once the
    transaction commits; the assessment's version bumped; audit entries with ``actor``.
    Refused, changing nothing: Denied outside the actor's ward or role; ValidationError unless
    the assessment is a draft or returned, or when ``version`` is given and not current.
    """
    result = evidence.result
    require(actor, Permission.ASSESS, unit=result.assessment.registration.unit)
    with acting_as(actor):
        assessment = assessment_claim(assessment_id=result.assessment_id, version=version)
        require_state(assessment, EDITABLE, _("remove evidence"))
        evidence = Evidence.objects.get(pk=evidence.pk, result__assessment=assessment)
        files_delete_on_commit(evidence.file)
        evidence.delete()


def evidence_open(*, actor: User, evidence: Evidence) -> File:
    """The evidence file opened for reading (binary); the caller closes it.

    No side effects. Refused: Denied unless the evidence lies within the actor's scope.
    """
    require(actor, Permission.VIEW, unit=evidence.result.assessment.registration.unit)
    return evidence.file.storage.open(evidence.file.name, "rb")
