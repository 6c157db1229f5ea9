# Keeps only the fields the ASE-mode tests read. Floats are copied as their original text (byte-exact):
# the JSON is re-emitted from tokens parsed with parse_float=str-preserving decimal wrapper.
import json, sys, decimal
keep_top = ["case","setting","optimizer_params","fmax","n_atoms","initial_positions","converged","nsteps",
            "force_calls","final_energy","final_fmax","A","b","f_star","steps"]
keep_step = ["step","energy","energy_plain","fmax","positions","forces"]
class Raw(str): pass
def enc(o):
    if isinstance(o, Raw): return str(o)
    if isinstance(o, bool): return "true" if o else "false"
    if isinstance(o, int): return str(o)
    if isinstance(o, str): return json.dumps(o)
    if isinstance(o, list): return "[" + ",".join(enc(v) for v in o) + "]"
    if isinstance(o, dict): return "{" + ",".join(json.dumps(k) + ":" + enc(v) for k, v in o.items()) + "}"
    raise TypeError(type(o))
src, dst = sys.argv[1], sys.argv[2]
d = json.load(open(src), parse_float=Raw)
out = {k: d[k] for k in keep_top if k in d}
out["steps"] = [{k: s[k] for k in keep_step if k in s} for s in d["steps"]]
open(dst, "w").write(enc(out) + "\n")
# verify byte-exact floats
chk = json.load(open(dst))
orig = json.load(open(src))
assert chk["steps"][-1]["positions"] == orig["steps"][-1]["positions"]
