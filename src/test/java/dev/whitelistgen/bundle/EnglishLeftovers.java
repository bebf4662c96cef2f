package dev.whitelistgen.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds English sentences left in a Swedish or German text. Code (`…`), console labels (**…**), URLs, {placeholders} and
 * the product and protocol names below are English on purpose and removed first; what remains is split into sentences,
 * and a sentence is English when it has "the" or two English function words. The words are chosen to be no common
 * Swedish or German word ("be", "by", "after", "will", "was", "so", "an", "in", "man", "die" are left out for that reason).
 */
final class EnglishLeftovers {

    static final Set<String> FUNCTION_WORDS = Set.of("the", "and", "of", "to", "with", "for", "only", "your", "this", "that",
            "from", "are", "not", "if", "when", "it", "is", "or", "on", "which", "you", "can", "must", "has", "have", "each",
            "any", "every", "than", "then", "its", "into", "these", "those", "they", "their", "our", "should", "would", "does");

    /** English on purpose: names of products, settings and protocol elements that the console or the RFCs spell so. */
    static final List<String> NAMES = List.of("Spam, Phishing and Malware", "Cloud Identity Policy API", "Google Workspace",
            "Exchange Online", "Exchange Management Shell", "Email allowlist", "Manage address lists", "approved senders",
            "MAIL FROM", "RCPT TO", "From-Adresse", "From-Domain", "spoof allow", "receive connector", "inbound connector", "add header", "Admin Help");

    private static final Pattern CODE = Pattern.compile("`[^`]*`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*[^*]*\\*\\*");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+\\}");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.;:!?])\\s+|\\n|\\\\n");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    private EnglishLeftovers() {
    }

    /** The sentences of {@code text} that read as English, as found (after removing the parts above). */
    static List<String> in(String text) {
        String rest = CODE.matcher(text).replaceAll(" ");
        rest = BOLD.matcher(rest).replaceAll(" ");
        rest = URL.matcher(rest).replaceAll(" ");
        rest = PLACEHOLDER.matcher(rest).replaceAll(" ");
        for (String name : NAMES) {
            rest = rest.replace(name, " ");
        }
        List<String> english = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(rest)) {
            int hits = 0;
            boolean the = false;
            var words = WORD.matcher(sentence);
            while (words.find()) {
                String word = words.group().toLowerCase(Locale.ROOT);
                if (FUNCTION_WORDS.contains(word)) {
                    hits++;
                    the |= word.equals("the");
                }
            }
            if (the || hits >= 2) {
                english.add(sentence.strip());
            }
        }
        return english;
    }
}
