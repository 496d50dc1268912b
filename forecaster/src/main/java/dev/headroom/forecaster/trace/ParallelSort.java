package dev.headroom.forecaster.trace;

/**
 * Sorts a primitive array of times and carries a parallel int array along, stably, without boxing:
 * the JDK sorts primitives only on their own.
 */
final class ParallelSort {

  private ParallelSort() {}

  /** Sorts {@code keys} ascending, permuting {@code values} the same way; ties keep their order. */
  static void sort(long[] keys, int[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException("arrays differ in length");
    }
    long[] k2 = keys.clone();
    int[] v2 = values.clone();
    mergeSort(k2, v2, keys, values, 0, keys.length);
  }

  /** Sorts src[from,to) into dst[from,to); src and dst hold the same data on entry. */
  private static void mergeSort(long[] srcK, int[] srcV, long[] dstK, int[] dstV, int from, int to) {
    if (to - from < 16) {
      for (int i = from + 1; i < to; i++) {
        long k = dstK[i];
        int v = dstV[i];
        int j = i - 1;
        while (j >= from && dstK[j] > k) {
          dstK[j + 1] = dstK[j];
          dstV[j + 1] = dstV[j];
          j--;
        }
        dstK[j + 1] = k;
        dstV[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dstK, dstV, srcK, srcV, from, mid);
    mergeSort(dstK, dstV, srcK, srcV, mid, to);
    if (srcK[mid - 1] <= srcK[mid]) {
      System.arraycopy(srcK, from, dstK, from, to - from);
      System.arraycopy(srcV, from, dstV, from, to - from);
      return;
    }
    int i = from;
    int j = mid;
    for (int o = from; o < to; o++) {
      if (j >= to || (i < mid && srcK[i] <= srcK[j])) {
        dstK[o] = srcK[i];
        dstV[o] = srcV[i++];
      } else {
        dstK[o] = srcK[j];
        dstV[o] = srcV[j++];
      }
    }
  }
}
