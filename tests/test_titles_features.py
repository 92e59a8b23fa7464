"""Binds features/titles_labels.feature: quoted titles, transcript labels, stage
directions and headline furniture.  The steps are the engine features' own
(tests/test_engine_features.py): their step fixtures are taken into this module so
the scenarios read the same everywhere."""
from __future__ import annotations

import test_engine_features as _engine_steps
from pytest_bdd import scenarios

# pytest-bdd registers each step as a fixture in the module that defines it.
globals().update({name: value for name, value in vars(_engine_steps).items()
                  if name.startswith("pytestbdd_stepdef_")})

scenarios("titles_labels.feature")
