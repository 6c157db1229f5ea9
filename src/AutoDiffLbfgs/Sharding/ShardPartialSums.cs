using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// The second half of the reduction plan: partial sums of shards combined along a fixed binary tree over the shard
/// indices, so the total has the same bits however the shards are spread over threads, processes or machines and in
/// whatever order their sums arrive.
/// </summary>
/// <remarks>
/// <para>Node (k, j) of the tree covers shards [j·2ᵏ, (j + 1)·2ᵏ) ∩ [0, S). A leaf (0, s) is shard s's own partial
/// sum. A node's sum is its left child's plus its right child's, left + right element by element; a node whose right
/// child covers no shard is its left child unchanged. The root (K, 0), 2ᴷ ≥ S, is the total. Each node's value is a
/// function of its children's values only, so any holder of a complete subtree — one thread, one silo — can reduce it
/// and hand on the node, and the total is the same as if everything had been reduced in one place.</para>
/// <para>Nodes are stored at the slot of their first shard. <see cref="Add"/> places a leaf or a node reduced
/// elsewhere, <see cref="Reduce"/> merges every pair of siblings present, <see cref="LevelAt"/> lists what is left (what
/// a silo sends on), and <see cref="Total"/> reads the root. The buffers (S values and S vectors of length n) are
/// allocated by the constructor; the operations allocate nothing.</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed class ShardPartialSums<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _shardCount;
    private readonly int _dimension;
    private readonly int _rootLevel;
    private readonly double[] _values;
    private readonly T[] _vectors;

    /// <summary>The level of the node stored at each slot; −1 for an empty slot.</summary>
    private readonly int[] _levels;

    /// <summary>Empty sums for <paramref name="shardCount"/> shards and vectors of length <paramref name="dimension"/>.</summary>
    /// <param name="shardCount">S, at least 1.</param>
    /// <param name="dimension">n, at least 0 (0 when only values are summed).</param>
    public ShardPartialSums(int shardCount, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _shardCount = shardCount;
        _dimension = dimension;
        _rootLevel = shardCount == 1 ? 0 : BitOperations.Log2((uint)(shardCount - 1)) + 1;
        _values = new double[shardCount];
        _vectors = new T[(long)shardCount * dimension];
        _levels = new int[shardCount];
        Clear();
    }

    /// <summary>S.</summary>
    public int ShardCount => _shardCount;

    /// <summary>n.</summary>
    public int Dimension => _dimension;

    /// <summary>The level K of the root: the smallest K with 2ᴷ ≥ S.</summary>
    public int RootLevel => _rootLevel;

    /// <summary>True when the root is present, that is when every shard's sum has been added and reduced.</summary>
    public bool IsComplete => _levels[0] == _rootLevel;

    /// <summary>Empties every slot.</summary>
    public void Clear() => Array.Fill(_levels, -1);

    /// <summary>
    /// Places the sum of node (<paramref name="level"/>, <paramref name="firstShard"/> / 2^level): a shard's own sum
    /// for level 0, or a node reduced elsewhere. An empty <paramref name="vector"/> stands for the zero vector (sums
    /// of values only, or a shard with no row in a batch).
    /// </summary>
    /// <exception cref="ArgumentException">The node is not in the tree, it overlaps a node already held, or the vector has the wrong length.</exception>
    public void Add(int firstShard, int level, double value, ReadOnlySpan<T> vector)
    {
        if ((uint)firstShard >= (uint)_shardCount || level < 0 || level > _rootLevel || (firstShard & ((1 << level) - 1)) != 0)
            throw new ArgumentException($"({level}, {firstShard}) is not a node of the reduction tree over {_shardCount} shards.", nameof(firstShard));
        if (Overlaps(firstShard, level))
            throw new ArgumentException($"Node ({level}, {firstShard >> level}) overlaps a partial sum already held.", nameof(firstShard));
        if (!vector.IsEmpty && vector.Length != _dimension)
            throw new ArgumentException($"The vector has length {vector.Length}, not {_dimension}.", nameof(vector));
        Span<T> slot = Vector(firstShard);
        if (vector.IsEmpty) slot.Clear();
        else vector.CopyTo(slot);
        _values[firstShard] = value;
        _levels[firstShard] = level;
    }

    /// <summary>Merges every pair of sibling nodes present, bottom up, until no pair is left.</summary>
    public void Reduce()
    {
        for (int k = 0; k < _rootLevel; k++)
        {
            int half = 1 << k, step = half << 1;
            for (int i = 0; i < _shardCount; i += step)
            {
                if (_levels[i] != k) continue;
                int right = i + half;
                if (right >= _shardCount)
                {
                    _levels[i] = k + 1; // no right sibling: the parent is this node unchanged
                }
                else if (_levels[right] == k)
                {
                    VectorMath.Axpy(T.One, Vector(right), Vector(i));
                    _values[i] += _values[right];
                    _levels[i] = k + 1;
                    _levels[right] = -1;
                }
            }
        }
    }

    /// <summary>The number of nodes held (after <see cref="Reduce"/>: what is left to send on).</summary>
    public int NodeCount
    {
        get
        {
            int count = 0;
            foreach (int level in _levels) if (level >= 0) count++;
            return count;
        }
    }

    /// <summary>The level of the node stored at <paramref name="firstShard"/>'s slot, or −1 when the slot is empty.</summary>
    public int LevelAt(int firstShard) => _levels[firstShard];

    /// <summary>The value of the node stored at <paramref name="firstShard"/>'s slot.</summary>
    public double ValueAt(int firstShard) => _values[firstShard];

    /// <summary>The vector of the node stored at <paramref name="firstShard"/>'s slot.</summary>
    public ReadOnlySpan<T> VectorAt(int firstShard) => Vector(firstShard);

    /// <summary>Reduces, copies the root's vector into <paramref name="result"/> (unless it is empty) and returns the root's value.</summary>
    /// <exception cref="InvalidOperationException">The root is not complete: some shard's sum is missing (the message names the first one).</exception>
    public double Total(Span<T> result)
    {
        Reduce();
        if (!IsComplete) throw new InvalidOperationException($"The partial sum of shard {FirstMissingShard()} is missing.");
        if (!result.IsEmpty) Vector(0).CopyTo(result);
        return _values[0];
    }

    /// <summary>True when a node held covers part of node (level, first / 2^level): an ancestor (or the node itself), or a node inside it.</summary>
    private bool Overlaps(int first, int level)
    {
        for (int k = level; k <= _rootLevel; k++)
        {
            if (_levels[first & ~((1 << k) - 1)] >= k) return true;
        }
        int end = Math.Min(first + (1 << level), _shardCount);
        for (int slot = first; slot < end; slot++)
        {
            if (_levels[slot] >= 0) return true;
        }
        return false;
    }

    private Span<T> Vector(int slot) => _vectors.AsSpan(slot * _dimension, _dimension);

    private int FirstMissingShard()
    {
        int shard = 0;
        while (shard < _shardCount)
        {
            int level = _levels[shard];
            if (level < 0) return shard;
            shard += 1 << level;
        }
        return _shardCount - 1;
    }
}
