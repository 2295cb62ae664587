// The few parts of the @nlpjs language packages Earshot uses (they ship no types).
interface NlpStemmer {
  stemWord(word: string): string;
}
interface NlpStopwords {
  dictionary: Record<string, boolean>;
}
type NlpLexicon = Record<string, number>;
interface NlpSentimentData {
  afinn?: NlpLexicon;
  senticon?: NlpLexicon;
  pattern?: NlpLexicon;
  negations: { words: string[] };
}
declare module '@nlpjs/lang-es' {
  export const StemmerEs: new () => NlpStemmer;
  export const SentimentEs: NlpSentimentData;
  export const StopwordsEs: new () => NlpStopwords;
}
declare module '@nlpjs/lang-pt' {
  export const StemmerPt: new () => NlpStemmer;
  export const SentimentPt: NlpSentimentData;
  export const StopwordsPt: new () => NlpStopwords;
}
declare module '@nlpjs/lang-fr' {
  export const StemmerFr: new () => NlpStemmer;
  export const SentimentFr: NlpSentimentData;
  export const StopwordsFr: new () => NlpStopwords;
}
declare module '@nlpjs/lang-de' {
  export const StemmerDe: new () => NlpStemmer;
  export const SentimentDe: NlpSentimentData;
  export const StopwordsDe: new () => NlpStopwords;
}
