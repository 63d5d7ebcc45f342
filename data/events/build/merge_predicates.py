# merge predicates.tsv (roots 01-03 + header) with part files, in root order; dedupe; validate
import sys,re,collections
base,parts,out=sys.argv[1],sys.argv[2:-1],sys.argv[-1]
codes={l.split('\t')[0] for l in open('/work/main/data/events/codes.tsv') if not l.startswith('#')}
head=[];rows=[];seen=set();bad=0
def add(line,src):
    global bad
    f=line.rstrip('\n').split('\t')
    if len(f)!=7 or f[1] not in ('verb','noun','light') or f[2] not in codes or not re.match(r'^[A-Z]{2,6}>([A-Z]{2,6}|-)$',f[6]) or not f[5].strip():
        bad+=1; print('BAD',src,line.strip()[:100],file=sys.stderr); return
    if f[1]=='light' and f[0].count(' ')!=1: bad+=1; print('BADLIGHT',line.strip()[:80],file=sys.stderr); return
    key=(f[0],f[1],f[2])
    if key in seen: return
    seen.add(key)
    # statements do not govern what they report: only intentions, demands, denials... frame
    if f[2]=='010' and 'frame' in f[4]:
        opts=[o for o in f[4].split(',') if o!='frame']; f[4]=','.join(opts) or '-'
    rows.append(f)
for i,l in enumerate(open(base)):
    if l.startswith('#') or l.startswith('predicate\t') or not l.strip():
        if not rows: head.append(l)
        continue
    add(l,base)
for p in parts:
    for l in open(p):
        if l.startswith('#') or not l.strip() or l.startswith('predicate\t'): continue
        add(l,p)
rows.sort(key=lambda f:(f[2][:2]))  # stable: keeps curated order within a root
names={}
for l in open('/work/main/data/events/codes.tsv'):
    f=l.split('\t')
    if len(f)>=4 and len(f[0])==2: names[f[0]]=f[3].strip()
with open(out,'w') as o:
    for h in head:
        if h.startswith('# ----'): continue
        o.write(h if not h.startswith('predicate\t') else '')
    o.write('predicate\tkind\tcameo\ttarget\toptions\texample\texpect\n')
    cur=None
    for f in rows:
        if f[2][:2]!=cur:
            cur=f[2][:2]; o.write(f'# ---- {cur} {names.get(cur,"")} ----\n')
        o.write('\t'.join(f)+'\n')
c=collections.Counter(f[2][:2] for f in rows)
print(len(rows),'rows, bad',bad, dict(sorted(c.items())),file=sys.stderr)
