using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanChat.LoadTest;

/// <summary>The REST calls the generator needs to set up accounts and chats.</summary>
public sealed class ChatApiClient
{
    private readonly HttpClient _http;

    public ChatApiClient(Uri baseUrl) => _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<(string Token, long Id)> LoginStaffAsync(string email, string password)
    {
        var response = await _http.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email, ["password"] = password }));
        return await TokenAsync(response, email);
    }

    public async Task<(string Token, long Id)> LoginCustomerAsync(string phone, string password)
    {
        var response = await _http.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = phone, password });
        return await TokenAsync(response, phone);
    }

    /// <summary>Creates a staff user unless one with this e-mail exists already (reruns reuse accounts).</summary>
    public async Task EnsureStaffAsync(string adminToken, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff") { Content = JsonContent.Create(new { email, password, name = email.Split('@')[0] }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Conflict)
            await EnsureSuccessAsync(response, $"create staff {email}");
    }

    public async Task EnsureCustomerAsync(string phone, string password)
    {
        var response = await _http.PostAsJsonAsync("/api/v1/customer-auth/register", new { phone_number = phone, password, name = $"Load {phone}" });
        if (response.StatusCode != HttpStatusCode.Conflict)
            await EnsureSuccessAsync(response, $"register {phone}");
    }

    public async Task<long> CreateChatAsync(string staffToken, long customerId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/chats") { Content = JsonContent.Create(new { customer_id = customerId, title = "load" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
        var response = await _http.SendAsync(request);
        await EnsureSuccessAsync(response, "create chat");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
    }

    public async Task AddParticipantAsync(string staffToken, long chatId, string type, long id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chat/chats/{chatId}/participants") { Content = JsonContent.Create(new { participant_type = type, participant_id = id }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
        await EnsureSuccessAsync(await _http.SendAsync(request), "add participant");
    }

    private static async Task<(string Token, long Id)> TokenAsync(HttpResponseMessage response, string who)
    {
        await EnsureSuccessAsync(response, $"log in {who}");
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return (token, long.Parse(claims.RootElement.GetProperty("sub").GetString()!));
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
