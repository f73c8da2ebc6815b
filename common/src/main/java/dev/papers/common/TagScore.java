package dev.papers.common;

/**
 * One tag of a paper. {@code tag} is a taxonomy tag ({@code llm}) or a keyphrase ({@code kw:protein folding});
 * {@code evidence} names the matched term(s) and where they were found, e.g. {@code title:"LLMs"; abstract:"large language model"}.
 */
public record TagScore(String tag, double score, String evidence) {}
