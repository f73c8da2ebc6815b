package dev.papers.tagging;

import java.util.Set;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** Stop words that split keyphrase runs: Lucene's English set plus common function words and paper filler. */
final class StopWords {
    private StopWords() {}

    private static final Set<String> EXTRA = Set.copyOf(java.util.Arrays.asList(
            "about", "above", "across", "after", "again", "against", "all", "almost", "along", "already", "also",
            "although", "always", "am", "among", "amongst", "another", "any", "anyone", "anything", "are", "around",
            "b", "been", "before", "being", "below", "beneath", "beside", "besides", "between", "beyond", "both",
            "can", "cannot", "could", "d", "did", "do", "does", "doing", "done", "down", "due", "during", "each",
            "either", "else", "enough", "especially", "etc", "even", "ever", "every", "far", "few", "first", "from",
            "further", "furthermore", "get", "gets", "given", "gives", "had", "has", "have", "having", "he", "hence",
            "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "ie", "e.g", "i.e",
            "its", "itself", "just", "large-scale", "least", "less", "let", "like", "likely", "made", "make", "makes",
            "making", "many", "may", "me", "might", "more", "moreover", "most", "mostly", "much", "must", "my",
            "myself", "namely", "need", "needs", "neither", "nevertheless", "new", "nor", "novel", "now", "often",
            "once", "one", "only", "onto", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over",
            "own", "per", "perhaps", "propose", "proposed", "proposes", "rather", "really", "s", "same", "several",
            "shall", "she", "should", "show", "showed", "shown", "shows", "significantly", "similar", "since", "so",
            "some", "still", "such", "than", "thereby", "therefore", "thus", "these", "those", "though", "through",
            "throughout", "thus", "to", "too", "toward", "towards", "under", "unlike", "until", "up", "upon", "us",
            "use", "used", "uses", "using", "various", "very", "via", "was", "we", "well", "were", "what", "whatever",
            "when", "whenever", "where", "whereas", "whether", "which", "while", "who", "whom", "whose", "why",
            "within", "without", "would", "yet", "you", "your", "yours", "paper", "work", "approach", "method",
            "methods", "introduce", "introduces", "present", "presents", "demonstrate", "demonstrates", "achieve",
            "achieves", "result", "results", "based", "existing", "effectively", "able", "allows", "enable",
            "enables", "provide", "provides", "remains", "study", "studies", "find", "findings", "first", "two",
            "three", "ways", "whereby", "overall", "able", "key", "end", "specifically", "particular", "particularly",
            "recent", "recently", "significant", "substantially", "state-of-the-art", "art", "including", "include",
            "promising", "leveraging", "leverage", "leverages", "demonstrated", "incorporate", "incorporating",
            "incorporates", "exploit", "exploits", "extending", "extend", "extends", "enabling", "comprising",
            "spanning", "outperform", "outperforms", "outperforming", "despite", "prior", "explicitly", "designed",
            "suffer", "suffers", "great", "drawn", "times", "fewer", "increasing", "increasingly", "consistently",
            "improve", "improves", "improved", "improving", "address", "addresses", "challenging", "challenge",
            "challenges", "effective", "effectiveness", "improvement", "improvements", "strong",
            "better", "best", "good", "potential", "widely", "commonly", "typically",
            "often", "usually", "directly", "simple", "simply", "easily", "experiments", "experimental", "extensive",
            "comprehensive", "evaluate", "evaluated", "evaluates", "conduct", "conducted", "investigate",
            "investigates", "explore", "explores", "examine", "examines", "reveal", "reveals", "indicate",
            "indicates", "suggest", "suggests", "observe", "observed", "yields", "yield", "obtain", "obtained",
            "require", "requires", "required", "requiring", "capable", "able", "help", "helps", "remain", "limited",
            "lack", "lacks", "crucial", "important", "essential", "critical", "furthermore", "additionally", "finally",
            "available", "publicly", "https", "http", "github", "com", "www", "org", "respectively",
            "previous", "previously", "current", "currently", "problem", "problems", "issue", "issues", "way", "lead", "leads", "leading",
            "order", "page", "thereby", "toward", "whose", "whether", "via", "versus", "vs", "up", "down",
            "includes", "compared", "different", "due", "i.e.", "e.g."));

    static boolean isStop(String lowerCaseWord) {
        return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(lowerCaseWord) || EXTRA.contains(lowerCaseWord);
    }
}
