/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds an anchor used inside itself ({@code x: &x {<<: *x}}). SnakeYAML composes such a document
 * into a node graph with a cycle, and resolving merge keys on it never ends, so the loader looks for
 * a cycle before merging. Depth-first with the nodes on the current path marked, iteratively (no
 * recursion to overflow), each node expanded once: linear in the graph, however often it is aliased.
 */
final class AliasCycles {

  private AliasCycles() {}

  /** The node whose anchor is used inside it, or null when the graph has no cycle. */
  static Node find(Node root) {
    Map<Node, Boolean> onPath = new IdentityHashMap<>(); // true while on the path, false once done
    Deque<Map.Entry<Node, Iterator<Node>>> stack = new ArrayDeque<>();
    onPath.put(root, true);
    stack.push(Map.entry(root, children(root)));
    while (!stack.isEmpty()) {
      Map.Entry<Node, Iterator<Node>> top = stack.peek();
      if (!top.getValue().hasNext()) {
        onPath.put(top.getKey(), false);
        stack.pop();
        continue;
      }
      Node child = top.getValue().next();
      Boolean seen = onPath.get(child);
      if (Boolean.TRUE.equals(seen)) {
        return child;
      }
      if (seen == null) {
        onPath.put(child, true);
        stack.push(Map.entry(child, children(child)));
      }
    }
    return null;
  }

  private static Iterator<Node> children(Node node) {
    if (node instanceof SequenceNode s) {
      return s.getValue().iterator();
    }
    if (node instanceof MappingNode m) {
      List<Node> nodes = new ArrayList<>(2 * m.getValue().size());
      for (NodeTuple t : m.getValue()) {
        nodes.add(t.getKeyNode());
        nodes.add(t.getValueNode());
      }
      return nodes.iterator();
    }
    return Collections.emptyIterator();
  }
}
