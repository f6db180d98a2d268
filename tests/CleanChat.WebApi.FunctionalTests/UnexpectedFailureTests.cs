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
        using var factory = new BrokenPresenceFactory();
        var world = await TestWorld.CreateAsync(factory);
        var chatId = await ChatApi.CreateChatWithCustomerAsync(world.Staff, world.Customer, null);

        var response = await world.Staff.Client.GetAsync($"/api/v1/chat/chats/{chatId}");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain(BrokenPresence.Secret);
        body.ShouldNotContain("at CleanChat");
        (await response.ReadJsonAsync())["trace_id"].ShouldNotBeNull();
    }

    private sealed class BrokenPresenceFactory : CleanChatApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IPresenceTracker, BrokenPresence>());
        }
    }

    private sealed class BrokenPresence : IPresenceTracker
    {
        public const string Secret = "connection-string-with-password";

        public bool IsOnline(ParticipantRef participant) => throw new InvalidOperationException(Secret);
    }
}
