"""Load the illustrative dataset: each round created only where its year is absent."""

import random
from collections.abc import Callable
from contextlib import AbstractContextManager

from kieumau.accounts.demo import demo_accounts_ensure, demo_user
from kieumau.accounts.models import Role
from kieumau.demo import SEED
from kieumau.demo.round2023 import round_2023_create
from kieumau.demo.round2025 import round_2025_create
from kieumau.programme.models import Round
from kieumau.programme.services import targets_ensure_defaults

GENERATORS = ((2023, round_2023_create), (2025, round_2025_create))


def demo_data_ensure(
    *,
    echo: Callable[[str], None] = lambda line: None,
    progress_for: Callable[[str], AbstractContextManager] | None = None,
) -> list[tuple[int, bool]]:
    """Create the demo rounds that do not exist yet; each year with whether it was created.

    Side effects: the demo accounts and national targets when missing; for each absent round,
    everything its generator writes (see ``round2023``, ``round2025``). A round whose year
    exists is left untouched. Each round draws from its own ``random.Random(SEED + year)``,
    so a round comes out the same whether or not the other one was created in the same run.
    """
    demo_accounts_ensure()
    targets_ensure_defaults()
    ministry = demo_user(Role.MINISTRY)
    outcome = []
    for year, generator in GENERATORS:
        if Round.objects.filter(year=year).exists():
            echo(f"Đợt đánh giá {year} đã có: giữ nguyên, không tạo lại.")
            outcome.append((year, False))
            continue
        rng = random.Random(SEED + year)
        if progress_for is None:
            generator(ministry=ministry, rng=rng, progress=lambda done, total: None)
        else:
            with progress_for(f"Dữ liệu minh họa {year}") as progress:
                generator(ministry=ministry, rng=rng, progress=progress)
        echo(f"Đợt đánh giá {year} (dữ liệu minh họa): mới tạo.")
        outcome.append((year, True))
    return outcome
