package org.worldmodels.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections of {@code report.md} that phases add, in order: a title and Markdown each. A phase
 * that runs again in a later round replaces its section where it stands (its plots are then the
 * latest round's).
 */
final class ReportSections {
  /** One section. */
  record Section(String title, String markdown) {}

  private final List<Section> sections = new ArrayList<>();

  /** Adds a section headed {@code ## title}, or replaces the one of that title. */
  void add(String title, String markdown) {
    Section s = new Section(title, markdown);
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).title().equals(title)) {
        sections.set(i, s);
        return;
      }
    }
    sections.add(s);
  }

  List<Section> all() {
    return List.copyOf(sections);
  }
}
