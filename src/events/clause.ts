/**
 * What the parse says about one trigger: who did it (agent), to whom
 * (patient), where and when (its locative and temporal dependents), and
 * whether the clause tells a happening at all (negation, modality, a plan, a
 * denial, a condition) or only the background of the story ("since it fell
 * in 2014", "as the Iraqi forces retreated in 2014").
 *
 * The predicate of a verb trigger is the verb; a noun trigger ("an attack",
 * "airstrikes") takes its own dependents ("attacks by IS on the village") and,
 * when it is the object or subject of a light verb ("carried out an attack",
 * "launched an offensive"), that verb's subject as agent. A participle or a
 * coordinated verb without a subject of its own shares the subject of the verb
 * it continues ("..., killing 23 civilians"; "shelled A and stormed B").
 *
 * Pure: the parse view, the trigger's word and the cue lists in; word sets
 * out, which the extractor maps onto entity mentions and time expressions.
 */
import type { DependencyView } from '../nlp/dependency.js';
import { subtree } from '../nlp/dependency.js';

export interface ClauseCues {
  readonly negators: ReadonlySet<string>;
  readonly nearNegators: ReadonlySet<string>;
  readonly modals: ReadonlySet<string>;
  readonly intentions: ReadonlySet<string>;
  readonly denials: ReadonlySet<string>;
  readonly conditionals: ReadonlySet<string>;
  readonly locatives: ReadonlySet<string>;
  readonly lightVerbs: ReadonlySet<string>;
  readonly backgroundMarks: ReadonlySet<string>;
  readonly sinceMarks: ReadonlySet<string>;
}

export interface ClauseReading {
  /** The word that carries the clause: the trigger, or the light verb of a noun trigger. */
  readonly predicate: number;
  /** Subtrees (word indexes) of the agent, the patient and the locative dependents, nearest first. */
  readonly agents: readonly (readonly number[])[];
  readonly patients: readonly (readonly number[])[];
  readonly locations: readonly (readonly number[])[];
  /** The words of the trigger's own clause, without the clauses under it. */
  readonly clause: ReadonlySet<number>;
  /** Why the clause tells no happening, or null. */
  readonly voided: string | null;
  /** The clause is subordinate and marked as background ("since", "as", "when" ...): the mark, or null. */
  readonly subordinate: string | null;
}

const SUBJECT = new Set(['nsubj', 'nsubj:outer']);
const PASSIVE_SUBJECT = new Set(['nsubj:pass', 'csubj:pass']);
const OBJECT = new Set(['obj', 'iobj']);
/** Relations by which a verb continues another and shares its subject. */
const CONTINUES = new Set(['conj', 'xcomp', 'advcl']);
/** Relations of clauses under a predicate: their words are not the predicate's own clause. */
const CLAUSAL = new Set(['ccomp', 'advcl', 'acl', 'acl:relcl', 'parataxis', 'csubj', 'xcomp', 'conj']);
const OBLIQUE = new Set(['obl', 'obl:lmod', 'obl:tmod', 'obl:unmarked', 'nmod', 'nmod:tmod', 'advmod']);
/** Prepositions of a noun's or verb's dependent that name who or what was acted on: "attack on X", "seized it from IS". */
const PATIENT_CASES = new Set(['on', 'against', 'from', 'targeting']);

const caseOf = (v: DependencyView, w: number): string => {
  const c = v.children[w]!.find((k) => v.rel(k) === 'case' || v.rel(k) === 'mark');
  return c === undefined ? '' : v.form(c).toLowerCase();
};

const isPassive = (v: DependencyView, w: number) => v.children[w]!.some((c) => v.rel(c) === 'aux:pass' || PASSIVE_SUBJECT.has(v.rel(c)));

/** The subject of `w`: its own, else that of the verb it continues (at most three hops). */
function subjectOf(v: DependencyView, w: number): { word: number; passive: boolean } | null {
  for (let at = w, hops = 0; at >= 0 && hops < 4; hops++) {
    const own = v.children[at]!.find((c) => SUBJECT.has(v.rel(c)) || PASSIVE_SUBJECT.has(v.rel(c)));
    if (own !== undefined) return { word: own, passive: PASSIVE_SUBJECT.has(v.rel(own)) };
    if (!CONTINUES.has(v.rel(at)) || v.head(at) < 0) return null;
    // A participle continues its main clause ("..., killing 23 civilians"); a relative or an object clause does not.
    at = v.head(at);
  }
  return null;
}

/**
 * Why the clause of `w` tells no happening: a negation, a modal or a condition on it (for a noun trigger only
 * "no airstrikes"), a plan or a denial it is the object or complement of ("vowed to retake", "plans an offensive",
 * "denied that its jets struck"); read upwards through the verbs it is coordinated with or completes.
 */
function voidedBy(v: DependencyView, w: number, cues: ClauseCues): string | null {
  const noun = v.upos(w) === 'NOUN' || v.upos(w) === 'PROPN';
  for (let at = w, hops = 0; at >= 0 && hops < 5; hops++) {
    for (const c of v.children[at]!) {
      const f = v.form(c).toLowerCase();
      const r = v.rel(c);
      if (r === 'det' && cues.nearNegators.has(f)) return `negation:${f}`;
      if (noun && at === w) continue;
      if ((r === 'advmod' || r === 'neg') && cues.negators.has(f)) return `negation:${f}`;
      if (r === 'aux' && cues.modals.has(f)) return `modal:${f}`;
      if (r === 'mark' && cues.conditionals.has(f)) return `condition:${f}`;
    }
    const rel = v.rel(at);
    const head = v.head(at);
    if (head < 0) return null;
    const headForm = v.form(head).toLowerCase();
    if ((rel === 'xcomp' || rel === 'acl' || rel === 'obj') && cues.intentions.has(headForm)) return `intention:${headForm}`;
    if ((rel === 'ccomp' || rel === 'obj') && cues.denials.has(headForm)) return `denial:${headForm}`;
    if (rel !== 'conj' && rel !== 'xcomp') return null;
    at = head;
  }
  return null;
}

/** The mark of a subordinate clause that `w` heads or continues ("since it fell", "as the forces retreated"), or null. */
function subordinateMark(v: DependencyView, w: number, cues: ClauseCues): string | null {
  for (let at = w, hops = 0; at >= 0 && hops < 3; hops++) {
    const rel = v.rel(at);
    if (rel === 'advcl' || rel === 'acl:relcl' || rel === 'acl') {
      // "as", "since", "while" are marks; "when" is an adverb of the clause (UD).
      const mark = v.children[at]!.map((c) => (v.rel(c) === 'mark' || v.rel(c) === 'advmod' ? v.form(c).toLowerCase() : '')).find((f) => cues.sinceMarks.has(f) || cues.backgroundMarks.has(f));
      return mark ?? null;
    }
    if (rel !== 'conj') return null;
    at = v.head(at);
  }
  return null;
}

/** The parse's reading of the trigger at word `w`. */
export function readClause(v: DependencyView, w: number, cues: ClauseCues): ClauseReading {
  const noun = v.upos(w) === 'NOUN' || v.upos(w) === 'PROPN';
  const headWord = v.head(w);
  // "carried out an attack", "launched an offensive", "an attack was carried out": the light verb carries the clause.
  const light = noun && headWord >= 0 && (OBJECT.has(v.rel(w)) || PASSIVE_SUBJECT.has(v.rel(w))) && cues.lightVerbs.has(v.lemma(headWord).toLowerCase()) ? headWord : -1;
  const predicate = light >= 0 ? light : w;
  const agents: number[][] = [];
  const patients: number[][] = [];
  const locations: number[][] = [];
  const phrase = (c: number) => subtree(v, c, (k) => v.rel(k) === 'acl:relcl');
  if (!noun || light >= 0) {
    const subject = subjectOf(v, predicate);
    const passive = isPassive(v, predicate);
    const agent = v.children[predicate]!.find((c) => v.rel(c) === 'obl:agent' || (passive && v.rel(c) === 'obl' && caseOf(v, c) === 'by'));
    if (agent !== undefined) agents.push(phrase(agent));
    if (subject) (subject.passive || (passive && subject.word === v.children[predicate]!.find((c) => PASSIVE_SUBJECT.has(v.rel(c)))) ? patients : agents).push(phrase(subject.word));
    if (light < 0) for (const c of v.children[predicate]!) if (OBJECT.has(v.rel(c))) patients.push(phrase(c));
  }
  // The dependents of the trigger itself (a verb's, or a noun's: "attacks by IS on the village in Idlib").
  const owners = light >= 0 ? [w, light] : [w];
  for (const o of owners) {
    for (const c of v.children[o]!) {
      const r = v.rel(c);
      if (!OBLIQUE.has(r) && r !== 'nmod:poss' && r !== 'compound') continue;
      const cs = caseOf(v, c);
      if (noun && o === w && (r === 'nmod:poss' || (r === 'compound' && v.upos(c) === 'PROPN') || cs === 'by')) agents.push(phrase(c));
      else if (cs === 'by' && o !== w) continue;
      else if (PATIENT_CASES.has(cs)) {
        patients.push(phrase(c));
        locations.push(phrase(c));
      } else if (cues.locatives.has(cs)) locations.push(phrase(c));
    }
  }
  // What was acted on may be a place ("captured the town of Mayadeen", "shelled Douma").
  for (const p of patients) if (!locations.includes(p)) locations.push(p);
  const clause = new Set(subtree(v, predicate, (k) => CLAUSAL.has(v.rel(k)) && k !== w));
  if (light >= 0) for (const k of subtree(v, w, (j) => CLAUSAL.has(v.rel(j)))) clause.add(k);
  return { predicate, agents, patients, locations, clause, voided: voidedBy(v, predicate, cues), subordinate: subordinateMark(v, predicate, cues) };
}
