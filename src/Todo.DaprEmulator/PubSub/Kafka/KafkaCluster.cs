using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>
/// The emulator's stand-in for one Kafka cluster: a durable log in a SQLite file of its own (topics, partitions,
/// records, committed consumer-group offsets), shared by every <c>pubsub.kafka</c> component with the same
/// <c>brokers</c>. A publish returns once the record is committed to the file (the producer's default
/// <c>requiredAcks: all</c>); offsets are committed synchronously after each successful delivery, so an emulator
/// restart redelivers at most the message in flight (sarama auto-commits marked offsets every second: at least once
/// either way). Topics are created on first use (publish or subscribe) with the creating component's
/// <c>emulatorPartitions</c>, as a broker with <c>auto.create.topics.enable=true</c> creates them with
/// <c>num.partitions</c>; a topic keeps its partition count for ever after.
/// </summary>
internal sealed class KafkaCluster
{
    private static readonly Dictionary<string, (KafkaCluster Cluster, int References)> Open = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim OpenGate = new(1, 1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TopicLog> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Topic), KafkaGroupClaim> _groups = [];
    private readonly SqliteConnection _connection;

    private KafkaCluster(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public string Path { get; }

    /// <summary>Opens (or shares) the cluster stored at <paramref name="path"/>.</summary>
    public static async Task<KafkaCluster> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        await OpenGate.WaitAsync(cancellationToken);
        try
        {
            if (Open.TryGetValue(path, out var open))
            {
                Open[path] = (open.Cluster, open.References + 1);
                return open.Cluster;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            await connection.OpenAsync(cancellationToken);
            var cluster = new KafkaCluster(path, connection);
            await cluster.InitializeAsync(cancellationToken);
            Open[path] = (cluster, 1);
            return cluster;
        }
        finally
        {
            OpenGate.Release();
        }
    }

    public async Task ReleaseAsync()
    {
        await OpenGate.WaitAsync();
        try
        {
            var open = Open[Path];
            if (open.References > 1)
            {
                Open[Path] = (this, open.References - 1);
                return;
            }

            Open.Remove(Path);
            await _gate.WaitAsync();
            try
            {
                await _connection.DisposeAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            OpenGate.Release();
        }
    }

    /// <summary>The topic, created with <paramref name="partitions"/> partitions when it does not exist yet.</summary>
    public async Task<TopicLog> TopicAsync(string name, int partitions, CancellationToken cancellationToken)
    {
        lock (_topics)
        {
            if (_topics.TryGetValue(name, out var existing))
            {
                return existing;
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            lock (_topics)
            {
                if (_topics.TryGetValue(name, out var existing))
                {
                    return existing;
                }
            }

            await using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO kafka_topics (name, partitions) VALUES ($name, $partitions)";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$partitions", partitions);
            await command.ExecuteNonQueryAsync(cancellationToken);
            var topic = new TopicLog(name, Enumerable.Repeat(0L, partitions).ToArray());
            lock (_topics)
            {
                _topics[name] = topic;
            }

            return topic;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Appends records, each partition's in the given order, wakes the partitions' consumers and returns the offsets.
    /// One transaction per call: a producer's batch (contrib BulkPublish → sarama SendMessages) costs one commit.
    /// </summary>
    public async Task<long[]> AppendAsync(TopicLog topic, IReadOnlyList<PendingRecord> records, long timestampMs, CancellationToken cancellationToken)
    {
        var offsets = new long[records.Count];
        if (records.Count == 0)
        {
            return offsets;
        }

        var ends = new Dictionary<int, long>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO kafka_records (topic, part, rec_offset, rec_key, rec_value, headers, ts)
                VALUES ($topic, $part, $offset, $key, $value, $headers, $ts)
                """;
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                var offset = ends.TryGetValue(record.Partition, out var end) ? end : topic.Partitions[record.Partition].End;
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$topic", topic.Name);
                command.Parameters.AddWithValue("$part", record.Partition);
                command.Parameters.AddWithValue("$offset", offset);
                command.Parameters.AddWithValue("$key", (object?)record.Key ?? DBNull.Value);
                command.Parameters.AddWithValue("$value", record.Value.ToArray());
                command.Parameters.AddWithValue("$headers", JsonSerializer.Serialize(record.Headers.Select(h => new[] { h.Key, h.Value })));
                command.Parameters.AddWithValue("$ts", timestampMs);
                await command.ExecuteNonQueryAsync(cancellationToken);
                offsets[i] = offset;
                ends[record.Partition] = offset + 1;
            }

            await transaction.CommitAsync(cancellationToken);
            foreach (var (partition, end) in ends)
            {
                topic.Partitions[partition].Appended(end);
            }
        }
        finally
        {
            _gate.Release();
        }

        return offsets;
    }

    public async Task<IReadOnlyList<KafkaRecord>> ReadAsync(TopicLog topic, int partition, long from, int max, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT rec_offset, rec_key, rec_value, headers, ts FROM kafka_records
                WHERE topic = $topic AND part = $part AND rec_offset >= $from ORDER BY rec_offset LIMIT $max
                """;
            command.Parameters.AddWithValue("$topic", topic.Name);
            command.Parameters.AddWithValue("$part", partition);
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$max", max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var records = new List<KafkaRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var headers = JsonSerializer.Deserialize<string[][]>(reader.GetString(3))!
                    .Select(h => KeyValuePair.Create(h[0], h[1])).ToList();
                records.Add(new KafkaRecord(topic.Name, partition, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    (byte[])reader.GetValue(2), headers, reader.GetInt64(4)));
            }

            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The next offset a group will read from a partition, or null when it never committed one.</summary>
    public async Task<long?> CommittedAsync(string group, string topic, int partition, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT next_offset FROM kafka_offsets WHERE grp = $grp AND topic = $topic AND part = $part";
            command.Parameters.AddWithValue("$grp", group);
            command.Parameters.AddWithValue("$topic", topic);
            command.Parameters.AddWithValue("$part", partition);
            return await command.ExecuteScalarAsync(cancellationToken) is long offset ? offset : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CommitAsync(string group, string topic, int partition, long nextOffset, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO kafka_offsets (grp, topic, part, next_offset) VALUES ($grp, $topic, $part, $offset)
                ON CONFLICT (grp, topic, part) DO UPDATE SET next_offset = excluded.next_offset
                """;
            command.Parameters.AddWithValue("$grp", group);
            command.Parameters.AddWithValue("$topic", topic);
            command.Parameters.AddWithValue("$part", partition);
            command.Parameters.AddWithValue("$offset", nextOffset);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The claim of one consumer group on one topic, shared by every member that joins it.</summary>
    public KafkaGroupClaim Claim(string group, TopicLog topic, ILogger logger, TimeProvider time)
    {
        lock (_groups)
        {
            if (!_groups.TryGetValue((group, topic.Name), out var claim))
            {
                claim = new KafkaGroupClaim(this, group, topic, logger, time);
                _groups[(group, topic.Name)] = claim;
            }

            return claim;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var command = _connection.CreateCommand())
        {
            // WAL with synchronous=NORMAL survives a process crash, which is what an emulator restart is.
            command.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;
                CREATE TABLE IF NOT EXISTS kafka_topics (name TEXT PRIMARY KEY, partitions INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS kafka_records (
                    topic TEXT NOT NULL, part INTEGER NOT NULL, rec_offset INTEGER NOT NULL,
                    rec_key TEXT NULL, rec_value BLOB NOT NULL, headers TEXT NOT NULL, ts INTEGER NOT NULL,
                    PRIMARY KEY (topic, part, rec_offset)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS kafka_offsets (
                    grp TEXT NOT NULL, topic TEXT NOT NULL, part INTEGER NOT NULL, next_offset INTEGER NOT NULL,
                    PRIMARY KEY (grp, topic, part)) WITHOUT ROWID;
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var partitions = new Dictionary<string, long[]>(StringComparer.Ordinal);
        await using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT name, partitions FROM kafka_topics";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                partitions[reader.GetString(0)] = new long[reader.GetInt32(1)];
            }
        }

        await using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT topic, part, MAX(rec_offset) FROM kafka_records GROUP BY topic, part";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (partitions.TryGetValue(reader.GetString(0), out var ends) && reader.GetInt32(1) < ends.Length)
                {
                    ends[reader.GetInt32(1)] = reader.GetInt64(2) + 1;
                }
            }
        }

        foreach (var (name, ends) in partitions)
        {
            _topics[name] = new TopicLog(name, ends);
        }
    }
}

/// <summary>A record to append: its partition (already chosen by the partitioner), key, value and headers.</summary>
internal sealed record PendingRecord(int Partition, string? Key, ReadOnlyMemory<byte> Value, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>A topic: its partitions, each with its end offset and a signal for consumers waiting at the end.</summary>
internal sealed class TopicLog(string name, long[] ends)
{
    public string Name { get; } = name;

    public PartitionLog[] Partitions { get; } = ends.Select((end, i) => new PartitionLog(i, end)).ToArray();
}

internal sealed class PartitionLog(int index, long end)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _end = end;

    public int Index { get; } = index;

    /// <summary>The offset the next record will get.</summary>
    public long End
    {
        get
        {
            lock (_lock)
            {
                return _end;
            }
        }
    }

    public void Appended(long end)
    {
        TaskCompletionSource appended;
        lock (_lock)
        {
            _end = end;
            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.TrySetResult();
    }

    /// <summary>Completes once the partition holds a record at <paramref name="offset"/>.</summary>
    public async Task WaitForAsync(long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task appended;
            lock (_lock)
            {
                if (_end > offset)
                {
                    return;
                }

                appended = _appended.Task;
            }

            await appended.WaitAsync(cancellationToken);
        }
    }
}
