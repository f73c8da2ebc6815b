package dev.papers.processor;

import dev.papers.common.Paper;
import java.util.List;

/** A changed paper plus the tags it lost, so the tag index can be kept exact with tombstones. */
public record PaperUpdate(Paper paper, List<String> removedTags, List<String> addedTags) {}
