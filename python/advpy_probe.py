"""Report what this interpreter is, as one line of JSON on stdout.

advpy-kata runs this against every Python it finds to pick one for the course.
It is deliberately old-fashioned (no f-strings, no annotations, stdlib only) so
that even an interpreter far too old for the course still starts it and reports
its version, instead of failing with a SyntaxError the learner cannot act on.
"""

import json
import platform
import sys
import sysconfig

# sys.implementation only exists from 3.3; this works on every version.
implementation = platform.python_implementation().lower()

# Py_GIL_DISABLED is 1 in free-threaded builds (3.13t and later, PEP 703), unset otherwise.
free_threading_build = sysconfig.get_config_var("Py_GIL_DISABLED") == 1

# A free-threaded build can still run with the GIL (PYTHON_GIL=1, or an extension
# that asks for it); only 3.13+ can tell, and every older build always has a GIL.
is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
gil_enabled = is_gil_enabled() if is_gil_enabled is not None else True

print(
    json.dumps(
        {
            "version": list(sys.version_info[:3]),
            "releaselevel": sys.version_info[3],
            "serial": sys.version_info[4],
            "implementation": implementation,
            # Empty or None when Python cannot tell where it lives (some embedded builds).
            "executable": sys.executable or "",
            "freeThreadingBuild": free_threading_build,
            "gilEnabled": gil_enabled,
            "platform": sys.platform,
        }
    )
)
