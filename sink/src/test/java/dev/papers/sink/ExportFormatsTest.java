package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.papers.common.Paper;
import dev.papers.common.TagScore;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed and BibTeX writers, read back by a feed parser and checked against hand-written text. */
class ExportFormatsTest {
    static final Paper WITH_ARXIV = new Paper(1, "a1", "S$^2$R: Teaching {LLMs} to Self-verify", "s 2 r", "We study {self-verification.",
            3, null, "Feb 27, 2025", "2025-02-27", 42, null, "2502.12345", List.of("Ada Lovelace", "Alan Turing", "Grace Hopper"), 5,
            List.of("p1.md"), List.of(new TagScore("llm", 2.0, "title:\"LLMs\""), new TagScore("kw:self verification", 1.0, "abstract")),
            1_700_000_000_000L, 1_700_000_100_000L, 0);
    static final Paper WITHOUT = new Paper(1, "b2", "A Paper Without Ids", "a paper without ids", "Plain.", null, "Some Lab",
            null, null, null, null, null, null, null, List.of("p2.txt"), List.of(), 1_600_000_000_000L, 1_600_000_000_000L, 0);

    @Test
    void atomAndRssReadBackWithLinksAbstractsTagsAndUpvotes() throws Exception {
        for (PaperFeed.Type type : PaperFeed.Type.values()) {
            String xml = PaperFeed.write(type, "papers: llm", "http://127.0.0.1:8080/feed.atom?tag=llm", "http://127.0.0.1:8080",
                    List.of(WITH_ARXIV, WITHOUT));
            SyndFeed back = new SyndFeedInput().build(new StringReader(xml));
            assertThat(back.getFeedType()).isEqualTo(type.rome);
            assertThat(back.getTitle()).isEqualTo("papers: llm");
            List<SyndEntry> entries = back.getEntries();
            assertThat(entries).extracting(SyndEntry::getTitle).containsExactly("S$^2$R: Teaching {LLMs} to Self-verify", "A Paper Without Ids");
            SyndEntry first = entries.get(0);
            assertThat(first.getLink()).isEqualTo("https://huggingface.co/papers/2502.12345");
            assertThat(first.getDescription().getValue()).isEqualTo("We study {self-verification.");
            assertThat(first.getCategories()).extracting(SyndCategory::getName).containsExactly("llm", "kw:self verification", "upvotes:42");
            assertThat(xml).contains("<papers:upvotes").contains(">42</papers:upvotes>");
            assertThat(entries.get(1).getLink()).isEqualTo("http://127.0.0.1:8080/papers/b2");
            assertThat(entries.get(1).getCategories()).isEmpty();
        }
    }

    @Test
    void bibtexByHand() {
        assertThat(BibTex.of(WITH_ARXIV)).isEqualTo("""
                @misc{arxiv:2502.12345,
                  title = {{S$^2$R: Teaching {LLMs} to Self-verify}},
                  author = {Ada Lovelace and Alan Turing and Grace Hopper},
                  year = {2025},
                  eprint = {2502.12345},
                  archivePrefix = {arXiv},
                  url = {https://huggingface.co/papers/2502.12345},
                  abstract = {We study self-verification.}
                }
                """);
        assertThat(BibTex.of(WITHOUT)).isEqualTo("""
                @misc{papers:b2,
                  title = {{A Paper Without Ids}},
                  author = {{Some Lab}},
                  abstract = {Plain.}
                }
                """);
        assertThat(BibTex.balanced("a } b { c {d} }")).isEqualTo("a  b { c {d} }");
        assertThat(BibTex.balanced("x { y")).isEqualTo("x  y");
    }
}
