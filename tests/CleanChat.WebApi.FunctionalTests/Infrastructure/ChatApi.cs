using System.Net;
using System.Text.Json.Nodes;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>Small helpers for arranging chats and messages through the public API.</summary>
public static class ChatApi
{
    public static async Task<long> CreateChatWithCustomerAsync(Person staff, Person customer, string? initialMessage = "Hi, how can I help you?")
    {
        var response = await staff.Client.PostJsonAsync("/api/v1/chat/chats", new { customer_id = customer.Id, title = "Support Chat", initial_message = initialMessage });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["id"]!.GetValue<long>();
    }

    public static async Task<JsonNode> SendAsync(Person sender, long chatId, string content, object? extra = null)
    {
        var body = new JsonObject { ["content"] = content, ["message_type"] = "text" };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject())
                body[key] = value?.DeepClone();
        }

        var response = await sender.Client.PostJsonAsync($"/api/v1/chat/chats/{chatId}/messages", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonNode> HistoryAsync(Person reader, long chatId, string query = "")
    {
        var response = await reader.Client.GetAsync($"/api/v1/chat/chats/{chatId}/messages{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonNode> GetChatAsync(Person reader, long chatId)
    {
        var response = await reader.Client.GetAsync($"/api/v1/chat/chats/{chatId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
