using System.Text.Json.Nodes;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>The OpenAPI document integrators generate clients from: complete, in the wire's names, with its errors.</summary>
public class OpenApiDocumentTests : IClassFixture<CleanChatApiFactory>
{
    private const string DocumentPath = "/swagger/v1/swagger.json";
    private readonly CleanChatApiFactory _factory;

    public OpenApiDocumentTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Every_http_endpoint_of_the_service_is_in_the_document()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/uploads/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (Path: Normalize(e.RoutePattern.RawText!), Method: method.ToLowerInvariant())))
            .ToList();

        endpoints.Count.ShouldBeGreaterThan(15);
        endpoints.Where(e => paths[e.Path]?[e.Method] is null).Select(e => $"{e.Method} {e.Path}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Sending_a_message_documents_its_body_answer_and_problems_in_wire_names()
    {
        var document = await DocumentAsync();
        var send = document["paths"]!["/api/v1/chat/chats/{chatId}/messages"]!["post"]!;

        var body = Resolve(document, send["requestBody"]!["content"]!["application/json"]!["schema"]!);
        body["properties"]!.AsObject().Select(p => p.Key).ShouldBe(
            ["content", "message_type", "media_url", "attachments", "reply_to_message_id", "entity_type", "entity_id", "entity_title", "client_message_id", "duration_ms"], ignoreOrder: true);

        var created = Resolve(document, send["responses"]!["201"]!["content"]!["application/json"]!["schema"]!);
        created["properties"]!.AsObject().Select(p => p.Key).ShouldContain("seq");
        created["properties"]!.AsObject().Select(p => p.Key).ShouldContain("sender_type");
        created["properties"]!.AsObject().Select(p => p.Key).ShouldContain("read_receipts");

        foreach (var status in new[] { "400", "401", "403", "404", "409" })
            send["responses"]![status]!["content"]!["application/problem+json"].ShouldNotBeNull($"problem details for {status}");
    }

    [Fact]
    public async Task Refusals_of_uploads_and_logins_are_documented()
    {
        var paths = (await DocumentAsync())["paths"]!;

        paths["/api/v1/chat/upload"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ShouldContain("413");
        paths["/api/v1/chat/upload"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ShouldContain("415");
        paths["/api/v1/auth/login"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ShouldContain("429");
        paths["/api/v1/auth/login"]!["post"]!["security"].ShouldBeNull();
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_by_default()
    {
        var document = await DocumentAsync();

        var scheme = document["components"]!["securitySchemes"]!["bearer"]!;
        ((string?)scheme["type"]).ShouldBe("http");
        ((string?)scheme["scheme"]).ShouldBe("bearer");
        document["paths"]!["/api/v1/chat/chats"]!["get"]!["security"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_ui_is_served_at_docs()
    {
        var response = await _factory.CreateClient().GetAsync("/docs/index.html");

        response.EnsureSuccessStatusCode();
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger", Case.Insensitive);
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await _factory.CreateClient().GetAsync(DocumentPath);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"] is { } reference
            ? document["components"]!["schemas"]![((string)reference!).Split('/').Last()]!
            : schema;

    // "/api/v1/chat/chats/{chatId:long}" is documented as "/api/v1/chat/chats/{chatId}".
    private static string Normalize(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", "{$1}");
}
