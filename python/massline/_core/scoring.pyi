"""Type stubs of massline._core.scoring: the scoring layer's bindings are owned by the scoring
helpers (python/src/register_scoring*.cpp); their public, typed surface is massline.scoring
(python/massline/scoring.pyi). This stub is deliberately partial."""

from typing import Any

def __getattr__(name: str) -> Any: ...
