using System.Text.RegularExpressions;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// The reads over messages find their rows through an index, never by scanning the message table: the
/// database's own plan for every statement the service ran, with the parameters it ran them with. On
/// PostgreSQL, whose planner rightly prefers reading a test's few rows in one go, the plan is asked for
/// with sequential scans priced out (<c>enable_seqscan = off</c>): one still appears only where no index
/// can serve the statement.
/// </summary>
public partial class QueryPlanTests
{
    [Fact]
    public async Task History_pages_unread_counts_and_the_chat_list_search_the_chat_index_and_never_scan_the_messages()
    {
        using var factory = new CleanChatApiFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer);
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
            ids.Add((await ChatApi.SendAsync(i % 2 == 0 ? world.Staff : world.Customer, chatId, $"m{i}"))["id"]!.GetValue<long>());
        (await world.Customer.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = ids[2] })).EnsureSuccessStatusCode();

        (await world.Staff.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/read", new { message_id = ids[3] })).EnsureSuccessStatusCode();

        factory.Sql.StartRecording();
        foreach (var (reader, url) in new[]
        {
            (world.Customer, $"/api/v1/chat/chats/{chatId}/messages"),
            (world.Customer, $"/api/v1/chat/chats/{chatId}/messages?before_id={ids[4]}&page_size=2"),
            (world.Customer, $"/api/v1/chat/chats/{chatId}/messages?after_id={ids[1]}&page_size=2"),
            (world.Customer, $"/api/v1/chat/chats/{chatId}/messages?after_seq=3"),
            (world.Customer, "/api/v1/chat/chats/customer"),
            (world.Staff, "/api/v1/chat/chats"),
            (world.Staff, "/api/v1/chat/stats"),
            (world.Staff, "/api/v1/chat/search?q=m1"),
            (world.Customer, $"/api/v1/chat/chats/{chatId}/messages?search=m1"),
        })
        {
            (await reader.Client.GetAsync(url)).EnsureSuccessStatusCode();
        }

        var plans = new List<string>();
        foreach (var command in factory.Sql.StopRecording())
        {
            var messageAliases = MessageTableAlias().Matches(command.Text).Select(m => m.Groups[1].Value).ToHashSet();
            if (messageAliases.Count == 0)
                continue;

            var plan = await ExplainAsync(factory, command);
            plan.ShouldNotContain(line => IsFullScan(line, MessageTable, messageAliases),
                $"{string.Join(Environment.NewLine, plan)}{Environment.NewLine}for{Environment.NewLine}{command.Text}");
            plans.AddRange(plan);
        }

        // The cursors and the read pointer become seq bounds on the chat's own index.
        plans.ShouldContain(line => IsSeqBound(line, "<"), string.Join(Environment.NewLine, plans));
        plans.ShouldContain(line => IsSeqBound(line, ">"));
    }

    [Fact]
    public async Task The_mentoring_and_hotel_reads_and_session_lookups_find_their_rows_through_indexes()
    {
        using var factory = new RealtimeFactory();
        var school = await MentoringWorld.CreateAsync(factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var studentSession = await school.SessionAsync(school.Student);
        var teacherSession = await school.SessionAsync(school.Teacher);
        long chatId;
        await using (var socket = await school.ConnectAsync("/ws/chat/my-conversation/", studentSession))
            chatId = long.Parse((await socket.WaitForAsync("connection_established"))["conversation_id"]!.GetValue<string>());
        for (var i = 0; i < 4; i++)
            await ChatApi.SendAsync(i % 2 == 0 ? school.Teacher : school.Student, chatId, $"m{i}");

        factory.Sql.StartRecording();
        foreach (var (session, url) in new[]
        {
            (teacherSession, "/api/v1/chat/teacher/conversations/"),
            (teacherSession, $"/api/v1/chat/teacher/conversations/{chatId}/messages/"),
            (studentSession, "/api/v1/chat/my-conversation/messages/"),
        })
        {
            (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, url, session, null))).EnsureSuccessStatusCode();
        }

        (await school.World.Admin.Client.GetAsync($"/api/v1/students/{school.Student.Id}/mentor")).EnsureSuccessStatusCode();

        // The hotel dialect's reads: stays by the hotel's own id and by guest, its conversation lists.
        var recorded = factory.Sql.StopRecording().ToList();
        var stay = await (await school.World.Staff.Client.PostAsJsonAsync("/api/message_manager/stays/", new
        {
            stay_id = 4242, customer_id = school.World.OtherCustomer.Id, room_number = "7", check_in = "2026-12-04", check_out = "2026-12-05",
        })).ReadJsonAsync();
        var stayChat = stay["conversation"]!["id"]!.GetValue<long>();
        factory.Sql.StartRecording();
        (await school.World.Staff.Client.GetAsync("/api/message_manager/conversations/?active=true")).EnsureSuccessStatusCode();
        (await school.World.OtherCustomer.Client.GetAsync("/api/message_manager/conversations/")).EnsureSuccessStatusCode();
        (await school.World.Staff.Client.GetAsync($"/api/message_manager/conversations/{stayChat}/messages/")).EnsureSuccessStatusCode();
        (await school.World.Staff.Client.PatchAsJsonAsync("/api/message_manager/stays/4242/", new { room_number = "8" })).EnsureSuccessStatusCode();
        await using (var guest = await SocketClient.ConnectAsync(factory.SocketUri("/ws/message_manager/", school.World.OtherCustomer.Token)))
        {
            await guest.SendAsync(new { command = "subscribe_to_conversation", stay_id = 4242 });
            await guest.WaitForAsync("subscribed");
        }

        recorded.AddRange(factory.Sql.StopRecording());
        var tables = new[] { "chat_messages", "login_sessions", "mentorships", "stays" };
        var checkedStatements = 0;
        foreach (var command in recorded)
        {
            var aliases = TableAlias().Matches(command.Text).Where(m => tables.Contains(m.Groups[1].Value)).Select(m => m.Groups[2].Value).ToHashSet();
            if (!tables.Any(t => Regex.IsMatch(command.Text, $"\\b{t}\\b")))
                continue;

            var plan = await ExplainAsync(factory, command);
            plan.ShouldNotContain(line => IsFullScan(line, tables, aliases),
                $"{string.Join(Environment.NewLine, plan)}{Environment.NewLine}for{Environment.NewLine}{command.Text}");
            checkedStatements++;
        }

        checkedStatements.ShouldBeGreaterThan(5);
    }

    private static readonly string[] MessageTable = ["chat_messages"];

    // SQLite: "SCAN TABLE chat_messages AS c" in older builds, "SCAN c" in later ones; PostgreSQL: "Seq Scan on
    // chat_messages c". Either way a walk over every row of the table (or every entry of one of its indexes).
    private static bool IsFullScan(string planLine, string[] tables, ISet<string> aliases)
    {
        if (PostgresSeqScan().Match(planLine) is { Success: true } scan)
            return tables.Contains(scan.Groups[1].Value);
        if (!planLine.StartsWith("SCAN ", StringComparison.Ordinal))
            return false;
        var words = planLine.Split(' ');
        return tables.Any(words.Contains) || aliases.Contains(words[1] == "TABLE" ? words[2] : words[1]);
    }

    // A bound on seq within one chat, read from the (chat_id, seq) index.
    private static bool IsSeqBound(string planLine, string comparison) =>
        planLine.Contains($"IX_chat_messages_chat_id_seq (chat_id=? AND seq{comparison}?)", StringComparison.Ordinal)
        || (planLine.Contains("Index Cond: ((chat_id = ", StringComparison.Ordinal) && planLine.Contains($"AND (seq {comparison} ", StringComparison.Ordinal));

    private static Task<List<string>> ExplainAsync(CleanChatApiFactory factory, RecordedCommand command) => factory.Database switch
    {
        SqliteTestDatabase sqlite => ExplainOnSqliteAsync(sqlite.Path, command),
        var postgres => ExplainOnPostgresAsync(postgres.ConnectionString, command),
    };

    private static async Task<List<string>> ExplainOnSqliteAsync(string databasePath, RecordedCommand command)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
        foreach (var (name, value) in command.Parameters)
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(3));
        return lines;
    }

    private static async Task<List<string>> ExplainOnPostgresAsync(string connectionString, RecordedCommand command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var settings = new NpgsqlCommand("SET enable_seqscan = off", connection))
            await settings.ExecuteNonQueryAsync();

        await using var explain = new NpgsqlCommand("EXPLAIN " + command.Text, connection);
        foreach (var (name, value) in command.Parameters)
            explain.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0).Trim());
        return lines;
    }

    [GeneratedRegex(@"Seq Scan on (\w+)")]
    private static partial Regex PostgresSeqScan();

    // Identifiers are quoted on SQLite, bare on PostgreSQL (Npgsql quotes only where needed).
    [GeneratedRegex("\"?chat_messages\"? AS \"?(\\w+)\"?")]
    private static partial Regex MessageTableAlias();

    [GeneratedRegex("\"?(\\w+)\"? AS \"?(\\w+)\"?")]
    private static partial Regex TableAlias();
}
