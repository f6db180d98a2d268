using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using CleanChat.WebApi.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.WebApi.FunctionalTests.Dialects;

/// <summary>
/// The mentoring seed's client against the service: its sockets and REST, signed in by session cookies
/// as a browser page of the service would be, with the seed's own frames.
/// </summary>
public class MentoringDialectTests : IClassFixture<RealtimeFactory>
{
    private const string StudentSocket = "/ws/chat/my-conversation/";
    private readonly RealtimeFactory _factory;

    public MentoringDialectTests(RealtimeFactory factory) => _factory = factory;

    private static string TeacherSocket(long conversationId) => $"/ws/chat/conversations/{conversationId}/";

    [Fact]
    public async Task A_student_and_their_teacher_talk_as_the_seeds_chat_interface_does()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        (await school.AssignMentorAsync(school.Student, school.Teacher)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var student = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.Student));
        var established = await student.WaitForAsync("connection_established");
        var conversationId = long.Parse(established["conversation_id"]!.GetValue<string>());
        established["room_group_name"]!.GetValue<string>().ShouldBe($"chat_{conversationId}");

        await using var teacher = await school.ConnectAsync(TeacherSocket(conversationId), await school.SessionAsync(school.Teacher));
        (await teacher.WaitForAsync("connection_established"))["conversation_id"]!.GetValue<string>().ShouldBe(conversationId.ToString());

        await student.SendAsync(new { message = "Hello, how are you today?" });
        var own = (await student.WaitForAsync("new_message"))["message"]!;
        own["content"]!.GetValue<string>().ShouldBe("Hello, how are you today?");
        own["is_own_message"]!.GetValue<bool>().ShouldBeTrue();
        own["is_read"]!.GetValue<bool>().ShouldBeFalse();
        own["sender"]!.GetValue<long>().ShouldBe(school.Student.Id);
        own["timestamp"]!.GetValue<string>().ShouldEndWith("Z");
        var profile = own["sender_profile"]!;
        profile["role"]!.GetValue<string>().ShouldBe("STUDENT");
        profile["user_id"]!.GetValue<long>().ShouldBe(school.Student.Id);
        profile["full_name"]!.GetValue<string>().ShouldBe("Carol Customer");
        profile["username"]!.GetValue<string>().ShouldBe(school.Student.Login);

        var received = (await teacher.WaitForAsync("new_message"))["message"]!;
        received["id"]!.GetValue<long>().ShouldBe(own["id"]!.GetValue<long>());
        received["is_own_message"]!.GetValue<bool>().ShouldBeFalse();
        received["sender_profile"]!["role"]!.GetValue<string>().ShouldBe("STUDENT");

        await teacher.SendAsync(new { message = "Very well, thank you." });
        var answer = (await student.WaitForAsync("new_message", f => f["message"]!["content"]!.GetValue<string>() == "Very well, thank you."))["message"]!;
        answer["is_own_message"]!.GetValue<bool>().ShouldBeFalse();
        answer["sender_profile"]!["role"]!.GetValue<string>().ShouldBe("TEACHER");
        answer["sender_profile"]!["username"]!.GetValue<string>().ShouldBe(school.Teacher.Login);
        answer["sender_profile"]!["email"]!.GetValue<string>().ShouldBe(school.Teacher.Login);
    }

    [Fact]
    public async Task A_student_reconnecting_joins_the_same_conversation_and_a_trainer_shows_as_trainer()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Trainer);
        var session = await school.SessionAsync(school.Student);

        long first;
        await using (var socket = await school.ConnectAsync(StudentSocket, session))
            first = long.Parse((await socket.WaitForAsync("connection_established"))["conversation_id"]!.GetValue<string>());
        await using var again = await school.ConnectAsync("/ws/chat/my-conversation", session);
        long.Parse((await again.WaitForAsync("connection_established"))["conversation_id"]!.GetValue<string>()).ShouldBe(first);

        await using var trainer = await school.ConnectAsync($"/ws/chat/conversations/{first}", await school.SessionAsync(school.Trainer));
        await trainer.WaitForAsync("connection_established");
        await trainer.SendAsync(new { message = "Training at six." });
        (await again.WaitForAsync("new_message"))["message"]!["sender_profile"]!["role"]!.GetValue<string>().ShouldBe("TRAINER");
    }

    [Fact]
    public async Task A_client_without_cookies_may_open_the_sockets_with_a_bearer_token_in_the_header()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var conversationId = await OpenConversationAsync(school);

        await using var teacher = await SocketClient.ConnectAsync(school.SocketUri(TeacherSocket(conversationId)),
            options => options.SetRequestHeader("Authorization", $"Bearer {school.Teacher.Token}"));
        (await teacher.WaitForAsync("connection_established"))["conversation_id"]!.GetValue<string>().ShouldBe(conversationId.ToString());
        await teacher.SendAsync(new { message = "Sent by an app" });
        (await teacher.WaitForAsync("new_message"))["message"]!["is_own_message"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_student_without_a_mentor_is_accepted_and_closed_with_4004()
    {
        var school = await MentoringWorld.CreateAsync(_factory);

        await using var socket = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.World.OtherCustomer));

        (await socket.WaitForCloseAsync()).ShouldBe((WebSocketCloseStatus)4004);
        socket.CloseDescription.ShouldBe("No mentor assigned");
    }

    [Fact]
    public async Task Handshakes_without_a_valid_session_or_from_a_foreign_page_are_refused_with_403()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var session = await school.SessionAsync(school.Student);

        (await school.HandshakeStatusAsync(StudentSocket, cookie: null)).ShouldBe(403);
        (await school.HandshakeStatusAsync(StudentSocket, "not-a-session")).ShouldBe(403);
        (await school.HandshakeStatusAsync(StudentSocket, session, origin: "https://evil.example")).ShouldBe(403);
        (await school.HandshakeStatusAsync(StudentSocket, session)).ShouldBe(101);

        // Logged out: the same cookie opens nothing any more.
        var logout = await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", session, school.OwnOrigin));
        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await school.HandshakeStatusAsync(StudentSocket, session)).ShouldBe(403);
    }

    [Fact]
    public async Task Logging_out_closes_the_sockets_the_session_opened_and_no_others()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var ending = await school.SessionAsync(school.Student);
        var staying = await school.SessionAsync(school.Student);
        await using var closing = await school.ConnectAsync(StudentSocket, ending);
        await closing.WaitForAsync("connection_established");
        await using var open = await school.ConnectAsync(StudentSocket, staying);
        await open.WaitForAsync("connection_established");

        (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Post, "/api/v1/auth/logout", ending, school.OwnOrigin))).EnsureSuccessStatusCode();

        (await closing.WaitForCloseAsync()).ShouldBe(WebSocketCloseStatus.PolicyViolation);
        closing.CloseDescription.ShouldBe("Session ended");
        await open.SendAsync(new { type = "ping" });
        await open.WaitForAsync("pong");
        open.State.ShouldBe(WebSocketState.Open);
    }

    [Fact]
    public async Task A_session_idle_for_too_long_or_past_its_maximum_age_opens_nothing()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var idle = await school.SessionAsync(school.Student);
        var old = await school.SessionAsync(school.Student);
        var idleHash = Hash(idle);
        var oldHash = Hash(old);

        await _factory.WithDbAsync(async (db, _) =>
        {
            var longAgo = DateTime.UtcNow.AddDays(-30);
            await db.LoginSessions.Where(s => s.TokenHash == idleHash).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, longAgo));
            await db.LoginSessions.Where(s => s.TokenHash == oldHash).ExecuteUpdateAsync(set => set.SetProperty(s => s.ExpiresAt, longAgo));
            return 0;
        });

        (await school.HandshakeStatusAsync(StudentSocket, idle)).ShouldBe(403);
        (await school.HandshakeStatusAsync(StudentSocket, old)).ShouldBe(403);
    }

    [Fact]
    public async Task A_teacher_who_is_not_in_the_conversation_is_refused_with_403()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var conversationId = await OpenConversationAsync(school);

        (await school.HandshakeStatusAsync(TeacherSocket(conversationId), await school.SessionAsync(school.Trainer))).ShouldBe(403);
        (await school.HandshakeStatusAsync(TeacherSocket(conversationId), await school.SessionAsync(school.World.OtherSalonAdmin))).ShouldBe(403);
        (await school.HandshakeStatusAsync(TeacherSocket(999_999_999), await school.SessionAsync(school.Teacher))).ShouldBe(403);
        (await school.HandshakeStatusAsync(TeacherSocket(conversationId), await school.SessionAsync(school.Teacher))).ShouldBe(101);
    }

    [Fact]
    public async Task Connecting_and_fetching_mark_the_other_sides_messages_read_as_the_salon_api_shows()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var conversationId = await OpenConversationAsync(school);
        var fromTeacher = await ChatApi.SendAsync(school.Teacher, conversationId, "Homework is due Friday.");
        await using var salonSocket = await SocketClient.ConnectAsync(_factory, school.Teacher);
        await salonSocket.SendAsync(new { type = "join_chat", chat_id = conversationId });
        await salonSocket.WaitForAsync("joined");

        await using var student = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.Student));
        await student.WaitForAsync("connection_established");

        var receipt = await salonSocket.WaitForAsync("read_receipt");
        receipt["message_id"]!.GetValue<long>().ShouldBe(fromTeacher["id"]!.GetValue<long>());
        receipt["reader_id"]!.GetValue<long>().ShouldBe(school.Student.Id);
        (await ChatApi.HistoryAsync(school.Teacher, conversationId))["messages"]![0]!["status"]!.GetValue<string>().ShouldBe("read");

        // Fetching over REST marks read too: the student's new message, read by the teacher fetching.
        await student.SendAsync(new { message = "Got it." });
        var sent = (await student.WaitForAsync("new_message"))["message"]!["id"]!.GetValue<long>();
        var page = await (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, $"/api/v1/chat/teacher/conversations/{conversationId}/messages/", await school.SessionAsync(school.Teacher), null))).ReadJsonAsync();
        var messages = page["messages"]!.AsArray();
        messages[0]!["id"]!.GetValue<long>().ShouldBe(sent);
        messages[0]!["is_own_message"]!.GetValue<bool>().ShouldBeFalse();
        messages[0]!["is_read"]!.GetValue<bool>().ShouldBeTrue();
        messages[1]!["is_own_message"]!.GetValue<bool>().ShouldBeTrue();
        messages[1]!["is_read"]!.GetValue<bool>().ShouldBeTrue();
        page["has_more"]!.GetValue<bool>().ShouldBeFalse();
        var studentHistory = await ChatApi.HistoryAsync(school.Student, conversationId);
        studentHistory["messages"]![0]!["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task Mark_read_tells_the_other_side_with_update_message_status()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var conversationId = await OpenConversationAsync(school);
        await using var student = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.Student));
        await student.WaitForAsync("connection_established");
        await using var teacher = await school.ConnectAsync(TeacherSocket(conversationId), await school.SessionAsync(school.Teacher));
        await teacher.WaitForAsync("connection_established");

        await student.SendAsync(new { message = "Question about page 12" });
        var id = (await teacher.WaitForAsync("new_message"))["message"]!["id"]!.GetValue<long>();
        await teacher.SendAsync(new { type = "mark_read", message_id = id.ToString() });

        var status = await student.WaitForAsync("update_message_status");
        status["message_id"]!.GetValue<long>().ShouldBe(id);
        status["is_read"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Refusals_arrive_as_the_seeds_error_frames_and_the_socket_stays_open()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        await using var student = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.Student));
        await student.WaitForAsync("connection_established");

        await student.SendAsync(new { message = "" });
        (await student.WaitForFrameAsync(f => f["error"] is not null, "error"))["error"]!.GetValue<string>().ShouldBe("Message content cannot be empty.");
        await student.SendAsync(new { message = new string('x', 10_001) });
        (await student.WaitForFrameAsync(f => f["error"] is not null, "error"))["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        await student.SendRawAsync("not json");
        (await student.WaitForFrameAsync(f => f["error"] is not null, "error"))["error"]!.GetValue<string>().ShouldBe("The frame is not valid JSON.");

        await student.SendAsync(new { message = "still here" });
        (await student.WaitForAsync("new_message"))["message"]!["content"]!.GetValue<string>().ShouldBe("still here");
        student.State.ShouldBe(WebSocketState.Open);
    }

    [Fact]
    public async Task Reassigning_the_mentor_moves_the_conversation_and_its_history_and_the_old_mentor_loses_access()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var conversationId = await OpenConversationAsync(school);
        await ChatApi.SendAsync(school.Student, conversationId, "Before the change");
        await using var oldMentor = await school.ConnectAsync(TeacherSocket(conversationId), await school.SessionAsync(school.Teacher));
        await oldMentor.WaitForAsync("connection_established");

        var moved = await (await school.AssignMentorAsync(school.Student, school.Trainer)).ReadJsonAsync();
        moved["customer_id"]!.GetValue<long>().ShouldBe(school.Student.Id);
        moved["mentor"]!["user_id"]!.GetValue<long>().ShouldBe(school.Trainer.Id);
        moved["mentor"]!["job_title"]!.GetValue<string>().ShouldBe("trainer");

        // The old mentor's open socket no longer gets the conversation, and cannot open it again.
        await ChatApi.SendAsync(school.Student, conversationId, "After the change");
        await oldMentor.SendAsync(new { message = "Am I still here?" });
        (await oldMentor.WaitForFrameAsync(f => f["error"] is not null, "error"))["error"]!.GetValue<string>().ShouldBe("Conversation not established.");
        oldMentor.Seen.ShouldNotContain(f => (string?)f["type"] == "new_message");
        (await school.HandshakeStatusAsync(TeacherSocket(conversationId), await school.SessionAsync(school.Teacher))).ShouldBe(403);
        (await school.Teacher.Client.GetAsync($"/api/v1/chat/chats/{conversationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var student = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.Student));
        (await student.WaitForAsync("connection_established"))["conversation_id"]!.GetValue<string>().ShouldBe(conversationId.ToString());
        var history = await (await school.Trainer.Client.GetAsync($"/api/v1/chat/teacher/conversations/{conversationId}/messages/")).ReadJsonAsync();
        history["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ShouldBe(["After the change", "Before the change"]);
    }

    [Fact]
    public async Task Messages_cross_between_the_salon_socket_and_the_mentoring_sockets_both_ways()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var conversationId = await OpenConversationAsync(school);
        await using var salon = await SocketClient.ConnectAsync(_factory, school.Teacher);
        await salon.SendAsync(new { type = "join_chat", chat_id = conversationId });
        await salon.WaitForAsync("joined");
        await using var student = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.Student));
        await student.WaitForAsync("connection_established");

        await student.SendAsync(new { message = "From the mentoring client" });
        var arrived = await salon.WaitForAsync("message");
        arrived["chat_id"]!.GetValue<long>().ShouldBe(conversationId);
        arrived["message"]!["content"]!.GetValue<string>().ShouldBe("From the mentoring client");

        await salon.SendAsync(new { type = "send_message", chat_id = conversationId, content = "From the salon client" });
        var back = (await student.WaitForAsync("new_message", f => f["message"]!["content"]!.GetValue<string>() == "From the salon client"))["message"]!;
        back["is_own_message"]!.GetValue<bool>().ShouldBeFalse();
        back["sender"]!.GetValue<long>().ShouldBe(school.Teacher.Id);
    }

    [Fact]
    public async Task A_teacher_lists_their_student_conversations_and_a_student_fetches_theirs()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        await school.AssignMentorAsync(school.Student, school.Teacher);
        var conversationId = await OpenConversationAsync(school);
        await ChatApi.SendAsync(school.Student, conversationId, "Is there class tomorrow?");

        var list = (await (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, "/api/v1/chat/teacher/conversations/", await school.SessionAsync(school.Teacher), null))).ReadJsonAsync()).AsArray();
        var conversation = list.Single(c => c!["id"]!.GetValue<long>() == conversationId)!;
        conversation["student"]!["user_id"]!.GetValue<long>().ShouldBe(school.Student.Id);
        conversation["student"]!["full_name"]!.GetValue<string>().ShouldBe("Carol Customer");
        conversation["student"]!["username"]!.GetValue<string>().ShouldBe(school.Student.Login);
        conversation["last_message"]!["content"]!.GetValue<string>().ShouldBe("Is there class tomorrow?");
        conversation["last_message"]!["sender_profile"]!["role"]!.GetValue<string>().ShouldBe("STUDENT");
        conversation["unread_count"]!.GetValue<int>().ShouldBe(1);

        var mine = await (await school.Browser().SendAsync(MentoringWorld.WithSession(HttpMethod.Get, "/api/v1/chat/my-conversation/messages/", await school.SessionAsync(school.Student), null))).ReadJsonAsync();
        mine["messages"]![0]!["content"]!.GetValue<string>().ShouldBe("Is there class tomorrow?");
        mine["messages"]![0]!["is_own_message"]!.GetValue<bool>().ShouldBeTrue();
        mine["page"]!.GetValue<int>().ShouldBe(1);

        // Without a mentor there is no conversation to fetch.
        (await school.World.OtherCustomer.Client.GetAsync("/api/v1/chat/my-conversation/messages/")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<long> OpenConversationAsync(MentoringWorld school)
    {
        await using var socket = await school.ConnectAsync(StudentSocket, await school.SessionAsync(school.Student));
        return long.Parse((await socket.WaitForAsync("connection_established"))["conversation_id"]!.GetValue<string>());
    }

    private static string Hash(string token) => new CleanChat.Infrastructure.Identity.SessionTokens().Hash(token);
}
