#!/usr/bin/env python3
"""Counts the public items of checkout-rules from rustdoc's JSON output:

    cargo +nightly rustdoc -p checkout-rules --lib -- -Z unstable-options --output-format json
    python3 scripts/public-api-count.py target/doc/checkout_rules.json

Items are those whose path is in the crate; methods are the public inherent
methods of its structs and enums, fields the public fields of its structs."""

import collections
import json
import sys

d=json.load(open(sys.argv[1]))
index=d['index']; paths=d['paths']
local={k:p for k,p in paths.items() if p['crate_id']==0}
kinds=collections.Counter(p['kind'] for p in local.values())
# public inherent methods and public fields of reachable types
methods=0; fields=0
for k,p in local.items():
    it=index.get(k)
    if not it: continue
    inner=it['inner']
    if 'struct' in inner:
        st=inner['struct']
        for impl_id in st.get('impls',[]):
            imp=index[str(impl_id)]['inner']['impl']
            if imp.get('trait') is None:
                for mid in imp['items']:
                    mi=index.get(str(mid))
                    if mi and mi['visibility']=='public': methods+=1
        kind=st['kind']
        if 'plain' in kind:
            for fid in kind['plain']['fields']:
                fi=index.get(str(fid))
                if fi and fi['visibility']=='public': fields+=1
    if 'enum' in inner:
        for impl_id in inner['enum'].get('impls',[]):
            imp=index[str(impl_id)]['inner']['impl']
            if imp.get('trait') is None:
                for mid in imp['items']:
                    mi=index.get(str(mid))
                    if mi and mi['visibility']=='public': methods+=1
types=kinds['struct']+kinds['enum']+kinds['trait']+kinds['type_alias']
print(f"modules {kinds['module']}, types {types} ({kinds['struct']} structs, {kinds['enum']} enums, {kinds['trait']} traits, {kinds['type_alias']} aliases), free functions {kinds['function']}, constants {kinds['constant']}, inherent methods {methods}, public fields {fields}, enum variants {kinds['variant']}")
