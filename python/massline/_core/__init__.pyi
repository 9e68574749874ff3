"""Type stubs of the compiled module massline._core (see python/src/module.cpp): one submodule
per C++ layer."""

from . import core as core
from . import io as io
from . import model as model
from . import network as network
from . import policy as policy
from . import scoring as scoring
from . import sim as sim
from . import synth as synth

__version__: str
