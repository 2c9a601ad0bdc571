namespace MlMath.Manifolds;

/// <summary>
/// A binary min-heap of node ids keyed by distance, with decrease-key: the priority queue of
/// <see cref="Dijkstra"/>. Each node is in the heap at most once, so it never holds more than n entries.
/// </summary>
/// <remarks>
/// heap[0..count) is a binary heap (parent of slot s is (s - 1) / 2, key[parent] &lt;= key[child]);
/// position[v] is v's slot or -1. Insert and decrease-key sift up, extract-min moves the last entry to the
/// root and sifts it down: O(log n) each (Cormen et al., Introduction to Algorithms, 3rd ed., ch. 6).
/// </remarks>
internal sealed class IndexedMinHeap
{
    private readonly int[] _heap;
    private readonly int[] _position;
    private readonly double[] _key;
    private int _count;

    internal IndexedMinHeap(int capacity)
    {
        _heap = new int[capacity];
        _position = new int[capacity];
        _key = new double[capacity];
        Array.Fill(_position, -1);
    }

    internal int Count => _count;

    /// <summary>Inserts v with the given key, or lowers v's key if it is already in the heap.</summary>
    internal void InsertOrDecrease(int v, double key)
    {
        var slot = _position[v];
        if (slot < 0)
        {
            slot = _count++;
            _heap[slot] = v;
            _position[v] = slot;
        }

        _key[v] = key;
        SiftUp(slot);
    }

    /// <summary>Removes and returns the node with the smallest key.</summary>
    internal int ExtractMin(out double key)
    {
        var top = _heap[0];
        key = _key[top];
        _position[top] = -1;
        _count--;
        if (_count > 0)
        {
            var last = _heap[_count];
            _heap[0] = last;
            _position[last] = 0;
            SiftDown(0);
        }

        return top;
    }

    private void SiftUp(int slot)
    {
        var v = _heap[slot];
        var key = _key[v];
        while (slot > 0)
        {
            var parent = (slot - 1) >> 1;
            var p = _heap[parent];
            if (_key[p] <= key) break;
            _heap[slot] = p;
            _position[p] = slot;
            slot = parent;
        }

        _heap[slot] = v;
        _position[v] = slot;
    }

    private void SiftDown(int slot)
    {
        var v = _heap[slot];
        var key = _key[v];
        while (true)
        {
            var child = 2 * slot + 1;
            if (child >= _count) break;
            if (child + 1 < _count && _key[_heap[child + 1]] < _key[_heap[child]]) child++;
            var c = _heap[child];
            if (_key[c] >= key) break;
            _heap[slot] = c;
            _position[c] = slot;
            slot = child;
        }

        _heap[slot] = v;
        _position[v] = slot;
    }
}
