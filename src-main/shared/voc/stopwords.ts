/**
 * Stop words for rising terms: the little words every mention has ("the", "de", "que"), which would
 * otherwise top any count. Short lists written for this purpose, per language Earshot meets most;
 * a report leaves out the words of every language present in its data (a Spanish "no" is a stop
 * word only where Spanish is written). Kept accent-folded and lower-case, as terms are counted.
 */
import { foldTerm } from './terms';

const LISTS: Record<string, string> = {
  en: `a about above after again against all am an and any are as at be because been before being below between both but by
    can could did do does doing done down during each even few for from further get got had has have having he her here hers
    him his how i if im in into is it its itself just me more most my myself no nor not now of off on once only or other our
    ours out over own same she should so some such than that thats the their theirs them then there these they this those
    through to too under until up us very was we were what when where which while who whom why will with would you your
    yours also ive dont cant didnt doesnt isnt wasnt wont really still one two amp rt via`,
  es: `a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era
    es esa ese eso esta estaba estan estar este esto estos fue ha hace hasta hay la las le les lo los mas me mi mis mucho muy
    nada ni no nos nosotros o os otra otro para pero poco por porque que quien se sea ser si sin sobre son su sus tambien te
    tengo tiene todo todos tu tus un una uno unos y ya yo`,
  pt: `a ao aos as com como da das de dela dele do dos e ela ele eles em entre era essa esse esta estava este eu foi ha isso
    isto ja la mais mas me meu minha muito na nao nas nem no nos o os ou para pela pelo por porque quando que se sem ser seu
    sua so sobre tambem te tem tenho todo um uma voce`,
  fr: `a au aux avec ce ces cette dans de des du elle en est et etre eu il ils je la le les leur lui ma mais me meme mes moi
    mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tres tu un une vos votre vous y`,
  de: `aber alle als am an auch auf aus bei bin bis das dass dem den der des die doch du ein eine einen einer es fur hat
    hatte ich ihr im in ist ja kein mein mich mir mit nach nicht noch nur oder schon sehr sein sich sie sind so und uns von
    war was wir wie zu zum zur`,
  it: `a ad al alla anche che chi ci come con da dal dalla de del della di e ed gli ha ho i il in io la le lo ma mi mio ne
    nel nella no non per perche piu quando questo se si sono su sua suo ti tu un una uno`,
};

const FOLDED: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(LISTS).map(([lang, words]) => [lang, new Set(words.split(/\s+/).filter(Boolean).map(foldTerm))]),
);

/** Languages with a stop list. */
export const STOPWORD_LANGUAGES = Object.keys(LISTS);

/** The stop words of the given languages together (unknown languages add nothing). */
export function stopWordsFor(langs: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const l of langs) for (const w of FOLDED[l] ?? []) out.add(w);
  return out;
}
