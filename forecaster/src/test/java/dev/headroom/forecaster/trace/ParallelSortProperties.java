package dev.headroom.forecaster.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class ParallelSortProperties {

  @Property
  void sortsAndCarriesValuesStably(
      @ForAll @Size(max = 300) long @LongRange(min = -5, max = 5) [] keys) {
    long[] sorted = keys.clone();
    int[] original = new int[keys.length];
    for (int i = 0; i < original.length; i++) {
      original[i] = i;
    }
    int[] values = original.clone();
    ParallelSort.sort(sorted, values);

    long[] expected = keys.clone();
    Arrays.sort(expected);
    assertArrayEquals(expected, sorted);
    for (int i = 0; i < values.length; i++) {
      assertTrue(keys[values[i]] == sorted[i], "value follows its key");
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        assertTrue(values[i] > values[i - 1], "ties keep file order");
      }
    }
  }
}
