"""Type stubs of the compiled module massline._core (see python/src/module.cpp)."""

from . import core as core
from . import io as io
from . import model as model
from . import scoring as scoring

__version__: str
