namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// The operation lookup of an access-control policy: a line-by-line port of daprd's trie
/// (dapr/dapr pkg/config/acl_trie.go), quirks included, because which operation a path matches decides allow or deny.
/// Segments are matched one by one; a segment of the policy may hold <c>*</c> wildcards (any characters within that
/// segment); <c>/*</c> matches exactly one trailing segment; <c>/**</c> matches one or more segments (and, as in daprd,
/// also the bare prefix: <c>/api/**</c> matches <c>/api</c>). The first operation written wins when two have the same path.
/// </summary>
internal sealed class OperationTrie
{
    private const string SingleStageWildcard = "/*";
    private const string MultiStageWildcard = "/**";
    private const char Separation = '/';

    private readonly Node _root = new("/", null);

    public void Put(string operation, OperationAction data)
    {
        var parts = operation.Split(Separation);
        var node = _root;
        for (var index = 1; index < parts.Length; index++)
        {
            var segment = Separation + parts[index];
            var subNode = FindNode(segment, node.SubNodes);
            if (subNode is null)
            {
                var newNode = new Node(segment, index == parts.Length - 1 ? data : null);
                node.SubNodes.Add(newNode);
                node = newNode;
            }
            else if (index == parts.Length - 1)
            {
                subNode.Data ??= data;
            }
            else
            {
                node = subNode;
            }
        }
    }

    public OperationAction? Search(string operation)
    {
        var node = _root;
        var parts = operation.Split(Separation);
        for (var index = 1; index < parts.Length; index++)
        {
            var isEnd = index == parts.Length - 1;
            var segment = Separation + parts[index];
            node = FindNodeWithWildcard(segment, node.SubNodes, isEnd);
            if (node is null)
            {
                return null;
            }

            if (node.Data is not null)
            {
                if (!isEnd && node.Char.EndsWith(SingleStageWildcard, StringComparison.Ordinal) &&
                    !node.Char.EndsWith(MultiStageWildcard, StringComparison.Ordinal))
                {
                    continue;
                }

                return node.Data;
            }

            if (isEnd)
            {
                // The last segment ended on a node without an operation of its own: a "/*" under it still matches.
                return FindNodeWithWildcard(SingleStageWildcard, node.SubNodes, isEnd)?.Data;
            }
        }

        return null;
    }

    private static Node? FindNodeWithWildcard(string segment, List<Node> nodes, bool isEnd)
    {
        foreach (var node in nodes)
        {
            if (node.Char == segment)
            {
                return node;
            }

            if (node.Char == SingleStageWildcard)
            {
                if (isEnd)
                {
                    return node;
                }

                continue;
            }

            if (node.Char == MultiStageWildcard || IsMatch(segment, node.Char))
            {
                return node;
            }
        }

        return null;
    }

    private static Node? FindNode(string segment, List<Node> nodes) => nodes.FirstOrDefault(n => n.Char == segment);

    // '*' matches any run of characters, including none (acl_trie.go isMatch).
    private static bool IsMatch(string target, string pattern)
    {
        var results = new bool[target.Length + 1, pattern.Length + 1];
        results[0, 0] = true;
        for (var j = 1; j <= pattern.Length && pattern[j - 1] == '*'; j++)
        {
            results[0, j] = true;
        }

        for (var i = 1; i <= target.Length; i++)
        {
            for (var j = 1; j <= pattern.Length; j++)
            {
                if (pattern[j - 1] == '*')
                {
                    results[i, j] = results[i, j - 1] || results[i - 1, j];
                }
                else if (target[i - 1] == pattern[j - 1])
                {
                    results[i, j] = results[i - 1, j - 1];
                }
            }
        }

        return results[target.Length, pattern.Length];
    }

    private sealed class Node(string segment, OperationAction? data)
    {
        public string Char { get; } = segment;

        public OperationAction? Data { get; set; } = data;

        public List<Node> SubNodes { get; } = [];
    }
}

/// <summary>What one operation of a policy says: an action per HTTP verb, and one for calls without a verb (gRPC).</summary>
internal sealed record OperationAction(string OperationName, IReadOnlyDictionary<string, string?> VerbAction, string? Action);
