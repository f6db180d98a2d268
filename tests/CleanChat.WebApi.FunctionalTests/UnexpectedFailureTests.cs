using System.Net;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Common;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests;

public class UnexpectedFailureTests
{
    [Fact]
    public async Task A_defect_is_a_500_problem_that_reveals_no_internals()
    {
        using var factory = new BrokenAccessFactory();
        var world = await TestWorld.CreateAsync(factory);

        var response = await world.Staff.Client.GetAsync("/api/v1/chat/chats/1");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain(BrokenAccessQuery.Secret);
        body.ShouldNotContain("at CleanChat");
        (await response.ReadJsonAsync())["trace_id"].ShouldNotBeNull();
    }

    private sealed class BrokenAccessFactory : CleanChatApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddScoped<IChatAccessQuery, BrokenAccessQuery>());
        }
    }

    private sealed class BrokenAccessQuery : IChatAccessQuery
    {
        public const string Secret = "connection-string-with-password";

        public Task<ChatAccessInfo?> ForChatAsync(long chatId, ParticipantRef caller, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);

        public Task<ChatAccessInfo?> ForMessageAsync(long messageId, ParticipantRef caller, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);
    }
}
