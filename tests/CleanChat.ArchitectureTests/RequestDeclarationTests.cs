using System.Reflection;
using CleanChat.Application;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.ArchitectureTests;

/// <summary>No request can reach a handler without saying who may send it.</summary>
public class RequestDeclarationTests
{
    private static readonly Type[] Requests = typeof(ApplicationAssembly).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBaseRequest).IsAssignableFrom(t))
        .ToArray();

    [Fact]
    public void The_application_has_requests_to_check()
    {
        Requests.Length.ShouldBeGreaterThan(15);
    }

    [Fact]
    public void Every_request_declares_its_callers_or_is_explicitly_anonymous()
    {
        Requests.Where(t => t.GetCustomAttribute<AuthorizeAttribute>() is null == t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .Select(t => t.Name)
            .ShouldBeEmpty("each request needs exactly one of [Authorize] or [AllowAnonymous]");
    }

    [Fact]
    public void Every_request_about_a_chat_or_message_declares_the_access_it_needs()
    {
        Requests.Where(t => typeof(IChatScopedRequest).IsAssignableFrom(t) || typeof(IMessageScopedRequest).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttribute<ChatAccessAttribute>() is null)
            .Select(t => t.Name)
            .ShouldBeEmpty();
    }

    [Fact]
    public void Chat_access_is_declared_only_on_requests_that_name_a_chat_or_message()
    {
        Requests.Where(t => t.GetCustomAttribute<ChatAccessAttribute>() is not null)
            .Where(t => !typeof(IChatScopedRequest).IsAssignableFrom(t) && !typeof(IMessageScopedRequest).IsAssignableFrom(t))
            .Select(t => t.Name)
            .ShouldBeEmpty();
    }

    [Fact]
    public void Anonymous_requests_are_only_sign_in_and_out_token_refresh_registration_and_serving_files_by_their_secret_names()
    {
        Requests.Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is not null).Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal)
            .ShouldBe(new[]
            {
                "EndSessionCommand", "GetUploadedFileQuery", "LoginCustomerCommand", "LoginStaffCommand", "RefreshAccessTokenCommand",
                "RegisterCustomerCommand", "RevokeRefreshTokenCommand", "StartCustomerSessionCommand", "StartStaffSessionCommand",
            });
    }
}
