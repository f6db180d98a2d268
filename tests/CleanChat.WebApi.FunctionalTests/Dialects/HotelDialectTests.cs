using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests.Dialects;

/// <summary>
/// The hotel seed's staff dashboard and guest app against the service: stays and their conversations over
/// real HTTP and real sockets, in the seed's shapes. The test salon is the hotel, its customers the guests.
/// </summary>
public class HotelDialectTests : IClassFixture<RealtimeFactory>
{
    private const string Api = "/api/message_manager";
    private readonly RealtimeFactory _factory;

    public HotelDialectTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task The_dashboard_flow_lists_connects_hears_of_a_new_stay_subscribes_and_talks_with_the_guest()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var stayId = NewStayId();

        // initChat: list, then connect.
        var before = await (await world.Staff.Client.GetAsync($"{Api}/conversations/")).ReadJsonAsync();
        before["results"]!.AsArray().ShouldNotContain(c => c!["stay_id"]!.GetValue<long>() == stayId);
        await using var dashboard = await ConnectAsync(world.Staff);
        var connected = await dashboard.WaitForAsync("connected");
        connected["participant_type"]!.GetValue<string>().ShouldBe("user");

        var created = await CreateStayAsync(world.Admin, stayId, world.Customer.Id);
        var conversationId = created["conversation"]!["id"]!.GetValue<long>();
        created["room_number"]!.GetValue<string>().ShouldBe("204");
        created["check_in"]!.GetValue<string>().ShouldBe("2026-12-04");

        var announced = (await dashboard.WaitForAsync("new_conversation"))["conversation"]!;
        announced["id"]!.GetValue<long>().ShouldBe(conversationId);
        announced["stay_id"]!.GetValue<long>().ShouldBe(stayId);
        announced["guest"]!["id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        announced["guest"]!["phone_number"]!.GetValue<string>().ShouldBe(world.Customer.Login);
        announced["room_number"]!.GetValue<string>().ShouldBe("204");
        announced["is_active"]!.GetValue<bool>().ShouldBeTrue();

        // selectConversation: fetch, then subscribe.
        var page = await (await world.Staff.Client.GetAsync($"{Api}/conversations/{conversationId}/messages/")).ReadJsonAsync();
        page["count"]!.GetValue<int>().ShouldBe(1);
        page["next"].ShouldBeNull();
        var welcome = page["results"]![0]!;
        welcome["sender_type"]!.GetValue<string>().ShouldBe("system");
        welcome["sender_id"].ShouldBeNull();
        welcome["conversation"]!.GetValue<long>().ShouldBe(conversationId);
        welcome["text"]!.GetValue<string>().ShouldContain("204");

        await dashboard.SendAsync(new { command = "subscribe_to_conversation", stay_id = stayId });
        var subscribed = await dashboard.WaitForAsync("subscribed");
        subscribed["stay_id"]!.GetValue<long>().ShouldBe(stayId);
        subscribed["conversation_id"]!.GetValue<long>().ShouldBe(conversationId);

        // A guest message arrives live; the dashboard answers over REST; the guest's socket hears it.
        await using var guest = await ConnectAsync(world.Customer);
        await guest.WaitForAsync("connected");
        (await world.Customer.Client.PostAsJsonAsync($"{Api}/conversations/{conversationId}/send_message/", new { text = "Could I have more towels?" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var fromGuest = (await dashboard.WaitForAsync("new_message"))["message"]!;
        fromGuest["sender_type"]!.GetValue<string>().ShouldBe("guest");
        fromGuest["sender_id"]!.GetValue<long>().ShouldBe(world.Customer.Id);
        fromGuest["text"]!.GetValue<string>().ShouldBe("Could I have more towels?");

        var reply = await world.Staff.Client.PostAsJsonAsync($"{Api}/conversations/{conversationId}/send_message/", new { text = "On their way." });
        reply.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await reply.ReadJsonAsync())["sender_type"]!.GetValue<string>().ShouldBe("staff");
        var heard = (await guest.WaitForAsync("new_message", f => f["message"]!["text"]!.GetValue<string>() == "On their way."))["message"]!;
        heard["sender_type"]!.GetValue<string>().ShouldBe("staff");
        heard["sender_name"]!.GetValue<string>().ShouldBe("staff");

        var after = await (await world.Staff.Client.GetAsync($"{Api}/conversations/")).ReadJsonAsync();
        var listed = after["results"]!.AsArray().First()!;
        listed["id"]!.GetValue<long>().ShouldBe(conversationId);
        listed["last_message"]!["text"]!.GetValue<string>().ShouldBe("On their way.");
    }

    [Fact]
    public async Task A_guests_socket_follows_their_stays_without_subscribing_even_one_opened_while_connected()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var guest = await ConnectAsync(world.Customer);
        await guest.WaitForAsync("connected");

        var created = await CreateStayAsync(world.Staff, NewStayId(), world.Customer.Id);

        var welcome = (await guest.WaitForAsync("new_message"))["message"]!;
        welcome["sender_type"]!.GetValue<string>().ShouldBe("system");
        welcome["conversation"]!.GetValue<long>().ShouldBe(created["conversation"]!["id"]!.GetValue<long>());
        guest.Seen.ShouldNotContain(f => (string?)f["type"] == "new_conversation");
    }

    [Fact]
    public async Task Unsubscribing_stops_delivery()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var stayId = NewStayId();
        var conversationId = (await CreateStayAsync(world.Staff, stayId, world.Customer.Id))["conversation"]!["id"]!.GetValue<long>();
        await using var dashboard = await ConnectAsync(world.Staff);
        await dashboard.SendAsync(new { command = "subscribe_to_conversation", stay_id = stayId });
        await dashboard.WaitForAsync("subscribed");

        await dashboard.SendAsync(new { type = "unsubscribe_from_conversation", stay_id = stayId });
        (await dashboard.WaitForAsync("unsubscribed"))["conversation_id"]!.GetValue<long>().ShouldBe(conversationId);
        await world.Customer.Client.PostAsJsonAsync($"{Api}/conversations/{conversationId}/send_message/", new { text = "Hello?" });

        await dashboard.SendAsync(new { command = "ping" });
        await dashboard.WaitForAsync("pong");
        dashboard.Seen.ShouldNotContain(f => (string?)f["type"] == "new_message");
    }

    [Fact]
    public async Task A_room_change_and_the_check_out_are_told_in_the_conversation_which_is_then_read_only_for_the_guest()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var stayId = NewStayId();
        var conversationId = (await CreateStayAsync(world.Staff, stayId, world.Customer.Id))["conversation"]!["id"]!.GetValue<long>();

        var moved = await world.Staff.Client.PatchAsJsonAsync($"{Api}/stays/{stayId}/", new { room_number = "310" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await moved.ReadJsonAsync())["room_number"]!.GetValue<string>().ShouldBe("310");
        var left = await (await world.Staff.Client.PatchAsJsonAsync($"{Api}/stays/{stayId}/", new { checked_out = true })).ReadJsonAsync();
        left["checked_out"]!.GetValue<bool>().ShouldBeTrue();
        left["conversation"]!["is_active"]!.GetValue<bool>().ShouldBeFalse();

        var texts = (await (await world.Customer.Client.GetAsync($"{Api}/conversations/{conversationId}/messages/")).ReadJsonAsync())["results"]!.AsArray();
        texts.Select(m => m!["sender_type"]!.GetValue<string>()).ShouldBe(["system", "system", "system"]);
        texts[1]!["text"]!.GetValue<string>().ShouldBe("Your room has changed from 204 to 310.");
        texts[2]!["text"]!.GetValue<string>().ShouldContain("checked out");

        var refused = await world.Customer.Client.PostAsJsonAsync($"{Api}/conversations/{conversationId}/send_message/", new { text = "One more thing" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("chat_archived");
        (await world.Staff.Client.GetAsync($"{Api}/conversations/{conversationId}/messages/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await world.Staff.Client.PatchAsJsonAsync($"{Api}/stays/{stayId}/", new { room_number = "1" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var inactive = await (await world.Staff.Client.GetAsync($"{Api}/conversations/?active=false")).ReadJsonAsync();
        inactive["results"]!.AsArray().ShouldContain(c => c!["id"]!.GetValue<long>() == conversationId);
        var active = await (await world.Staff.Client.GetAsync($"{Api}/conversations/?active=true")).ReadJsonAsync();
        active["results"]!.AsArray().ShouldNotContain(c => c!["id"]!.GetValue<long>() == conversationId);
    }

    [Fact]
    public async Task Hotels_and_guests_see_only_their_own_stays()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var stayId = NewStayId();
        var conversationId = (await CreateStayAsync(world.Staff, stayId, world.Customer.Id))["conversation"]!["id"]!.GetValue<long>();

        foreach (var outsider in new[] { world.OtherSalonAdmin, world.OtherCustomer })
        {
            (await outsider.Client.GetAsync($"{Api}/conversations/{conversationId}/messages/")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.Client.PostAsJsonAsync($"{Api}/conversations/{conversationId}/send_message/", new { text = "hi" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await (await outsider.Client.GetAsync($"{Api}/conversations/")).ReadJsonAsync())["results"]!.AsArray()
                .ShouldNotContain(c => c!["id"]!.GetValue<long>() == conversationId);

            await using var socket = await ConnectAsync(outsider);
            await socket.WaitForAsync("connected");
            await socket.SendAsync(new { command = "subscribe_to_conversation", stay_id = stayId });
            (await socket.WaitForAsync("error"))["error"]!.GetValue<string>().ShouldBe("Stay was not found.");
            await socket.SendAsync(new { command = "send_message", stay_id = stayId, text = "sneaky" });
            await socket.WaitForAsync("error");
        }

        (await world.OtherSalonAdmin.Client.PatchAsJsonAsync($"{Api}/stays/{stayId}/", new { room_number = "1" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var history = await (await world.Staff.Client.GetAsync($"{Api}/conversations/{conversationId}/messages/")).ReadJsonAsync();
        history["count"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Bad_commands_get_error_frames_and_the_socket_stays_open()
    {
        var world = await TestWorld.CreateAsync(_factory);
        await using var socket = await ConnectAsync(world.Staff);
        await socket.WaitForAsync("connected");

        await socket.SendAsync(new { command = "dance" });
        (await socket.WaitForAsync("error"))["error"]!.GetValue<string>().ShouldBe("Unknown command 'dance'.");
        await socket.SendAsync(new { command = "subscribe_to_conversation" });
        (await socket.WaitForAsync("error"))["error"]!.GetValue<string>().ShouldContain("stay_id");
        await socket.SendRawAsync("{not json");
        (await socket.WaitForAsync("error"))["error"]!.GetValue<string>().ShouldBe("The frame is not valid JSON.");
        await socket.SendAsync(new { command = "send_message", stay_id = 999_999_999, text = "x" });
        (await socket.WaitForAsync("error"))["error"]!.GetValue<string>().ShouldBe("Stay was not found.");

        await socket.SendAsync(new { command = "ping" });
        await socket.WaitForAsync("pong");
    }

    [Fact]
    public async Task A_stay_id_is_once_per_hotel_a_new_guest_is_created_by_phone_and_bad_stays_are_refused()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var stayId = NewStayId();
        var phone = $"+1777{Random.Shared.Next(1000000, 9999999)}";

        var created = await world.Staff.Client.PostAsJsonAsync($"{Api}/stays/", new
        {
            stay_id = stayId, guest = new { phone_number = phone, name = "Nina New" }, room_number = "12", check_in = "2026-12-10", check_out = "2026-12-12",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var guest = (await created.ReadJsonAsync())["guest"]!;
        guest["phone_number"]!.GetValue<string>().ShouldBe(phone);
        guest["name"]!.GetValue<string>().ShouldBe("Nina New");

        var again = await CreateStayRequestAsync(world.Staff, stayId, world.Customer.Id);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ReadJsonAsync())["code"]!.GetValue<string>().ShouldBe("stay_exists");
        (await CreateStayRequestAsync(world.OtherSalonAdmin, stayId, world.Customer.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await world.Staff.Client.PostAsJsonAsync($"{Api}/stays/", new { stay_id = NewStayId(), customer_id = world.Customer.Id, room_number = "1", check_in = "2026-12-10", check_out = "2026-12-09" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await world.Staff.Client.PostAsJsonAsync($"{Api}/stays/", new { stay_id = NewStayId(), room_number = "1", check_in = "2026-12-10", check_out = "2026-12-11" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noDates = await world.Staff.Client.PostAsJsonAsync($"{Api}/stays/", new { stay_id = NewStayId(), customer_id = world.Customer.Id, room_number = "1" });
        noDates.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noDates.ReadJsonAsync())["errors"]!["check_in"].ShouldNotBeNull();
        (await world.Staff.Client.PostAsJsonAsync($"{Api}/stays/", new { stay_id = NewStayId(), customer_id = world.Customer.Id, room_number = "1", check_in = "10/12/2026", check_out = "2026-12-11" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await world.Customer.Client.PostAsJsonAsync($"{Api}/stays/", new { stay_id = NewStayId(), customer_id = world.Customer.Id, room_number = "1", check_in = "2026-12-10", check_out = "2026-12-11" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await world.Staff.Client.PatchAsJsonAsync($"{Api}/stays/{NewStayId()}/", new { room_number = "1" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_salon_api_shows_the_same_conversation_guests_as_customers_and_the_service_as_system()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var conversationId = (await CreateStayAsync(world.Staff, NewStayId(), world.Customer.Id))["conversation"]!["id"]!.GetValue<long>();
        await world.Customer.Client.PostAsJsonAsync($"{Api}/conversations/{conversationId}/send_message/", new { text = "Late check-out possible?" });
        await using var guest = await ConnectAsync(world.Customer);
        await guest.WaitForAsync("connected");

        // A colleague at the front desk answers from the salon app: posting makes them a participant.
        await ChatApi.SendAsync(world.Colleague, conversationId, "Until 2 pm, yes.");

        (await guest.WaitForAsync("new_message"))["message"]!["text"]!.GetValue<string>().ShouldBe("Until 2 pm, yes.");
        var history = (await ChatApi.HistoryAsync(world.Colleague, conversationId))["messages"]!.AsArray();
        history.Select(m => m!["sender_type"]!.GetValue<string>()).ShouldBe(["user", "customer", "system"]);
        history[2]!["sender_user_id"].ShouldBeNull();
        var chat = await ChatApi.GetChatAsync(world.Colleague, conversationId);
        chat["participants"]!.AsArray().ShouldContain(p => p!["participant_type"]!.GetValue<string>() == "user" && p["participant_id"]!.GetValue<long>() == world.Colleague.Id);
    }

    [Fact]
    public async Task A_guest_the_hotel_created_signs_up_with_their_phone_and_finds_their_stay()
    {
        var world = await TestWorld.CreateAsync(_factory);
        var phone = $"+1888{Random.Shared.Next(1000000, 9999999)}";
        var client = _factory.CreateClient();
        (await world.Staff.Client.PostAsJsonAsync($"{Api}/stays/", new
        {
            stay_id = NewStayId(), guest = new { phone_number = phone, name = "Room 12 guest" }, room_number = "12", check_in = "2026-12-10", check_out = "2026-12-12",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Until they sign up nobody can sign in to the account; signing up takes it over, once.
        (await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = phone, password = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = phone, password = "guess-a-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var signedUp = await client.PostAsJsonAsync("/api/v1/customer-auth/register", new { phone_number = phone, password = TestWorld.Password, name = "Nora" });
        signedUp.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/v1/customer-auth/register", new { phone_number = phone, password = "another-password-1" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var login = await (await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = phone, password = TestWorld.Password })).ReadJsonAsync();
        using var guest = _factory.CreateClient();
        guest.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login["access_token"]!.GetValue<string>());
        var mine = await (await guest.GetAsync($"{Api}/conversations/")).ReadJsonAsync();
        mine["count"]!.GetValue<int>().ShouldBe(1);
        mine["results"]![0]!["guest"]!["name"]!.GetValue<string>().ShouldBe("Nora");
        mine["results"]![0]!["room_number"]!.GetValue<string>().ShouldBe("12");
    }

    [Fact]
    public async Task The_socket_takes_the_token_in_the_header_too_and_closes_a_bad_one_with_1008()
    {
        var world = await TestWorld.CreateAsync(_factory);

        await using var byHeader = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/message_manager", null),
            options => options.SetRequestHeader("Authorization", $"Bearer {world.Customer.Token}"));
        (await byHeader.WaitForAsync("connected"))["participant_type"]!.GetValue<string>().ShouldBe("customer");

        await using var bad = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/message_manager/", "not-a-token"));
        (await bad.WaitForCloseAsync()).ShouldBe(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation);
    }

    private static long NewStayId() => Random.Shared.NextInt64(1, long.MaxValue / 2);

    private Task<SocketClient> ConnectAsync(Person person) =>
        SocketClient.ConnectAsync(_factory.SocketUri("/ws/message_manager/", person.Token));

    private static async Task<JsonNode> CreateStayAsync(Person staff, long stayId, long customerId)
    {
        var response = await CreateStayRequestAsync(staff, stayId, customerId);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    private static Task<HttpResponseMessage> CreateStayRequestAsync(Person staff, long stayId, long customerId) =>
        staff.Client.PostAsJsonAsync($"{Api}/stays/", new { stay_id = stayId, customer_id = customerId, room_number = "204", check_in = "2026-12-04", check_out = "2026-12-06" });
}
