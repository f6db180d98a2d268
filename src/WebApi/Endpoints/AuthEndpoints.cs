using CleanChat.Application.Accounts;
using CleanChat.Application.Accounts.Commands.CreateStaffUser;
using CleanChat.Application.Accounts.Commands.LoginCustomer;
using CleanChat.Application.Accounts.Commands.LoginStaff;
using CleanChat.Application.Accounts.Commands.RefreshAccessToken;
using CleanChat.Application.Accounts.Commands.RegisterCustomer;
using System.Text.Json;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanChat.WebApi.Endpoints;

/// <summary>Sign-in for both kinds of account, customer registration and staff creation.</summary>
public static class AuthEndpoints
{
    public const string LoginRateLimitPolicy = "login";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/login", LoginStaff)
            .WithTags("Auth").WithSummary("Staff login (form-urlencoded or JSON username and password)")
            .Accepts<StaffLoginRequest>("application/x-www-form-urlencoded", "application/json")
            .RequireRateLimiting(LoginRateLimitPolicy).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var customers = app.MapGroup("/api/v1/customer-auth").WithTags("Customer auth").RequireRateLimiting(LoginRateLimitPolicy);
        customers.MapPost("/login", (CustomerLoginRequest body, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new LoginCustomerCommand(body.PhoneNumber ?? string.Empty, body.Password ?? string.Empty), ct))
            .WithSummary("Customer login with phone number and password")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        customers.MapPost("/register", async Task<Created<CustomerDto>> (RegisterCustomerRequest body, IMediator mediator, CancellationToken ct) =>
        {
            var customer = await mediator.Send(new RegisterCustomerCommand(body.PhoneNumber ?? string.Empty, body.Password ?? string.Empty, body.Name, body.Email), ct);
            return TypedResults.Created((string?)null, customer);
        }).WithSummary("Register a customer account").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Not under the login limiter: a refresh token is 256 random bits (nothing to guess), and every
        // client behind one address refreshes every few minutes.
        app.MapPost("/api/v1/auth/refresh", (RefreshRequest body, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new RefreshAccessTokenCommand(body.RefreshToken ?? string.Empty, ParticipantType.User), ct))
            .WithTags("Auth").WithSummary("Exchange a staff refresh token for a new access token and refresh token")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        app.MapPost("/api/v1/customer-auth/refresh", (RefreshRequest body, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new RefreshAccessTokenCommand(body.RefreshToken ?? string.Empty, ParticipantType.Customer), ct))
            .WithTags("Customer auth").WithSummary("Exchange a customer refresh token for a new access token and refresh token")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapPost("/api/v1/staff", async Task<Created<StaffUserDto>> (CreateStaffRequest body, IMediator mediator, CancellationToken ct) =>
        {
            var user = await mediator.Send(new CreateStaffUserCommand(body.Email ?? string.Empty, body.Password ?? string.Empty, body.Name ?? string.Empty, body.Role ?? StaffRole.Staff, body.JobTitle), ct);
            return TypedResults.Created((string?)null, user);
        }).WithTags("Staff").WithSummary("A salon admin creates a staff user of their own salon").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    // The quick reference logs staff in with a form post (OAuth2 password-flow style); JSON is accepted too.
    private static async Task<AccessTokenDto> LoginStaff(HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var (username, password) = await ReadStaffCredentialsAsync(request, ct);
        return await mediator.Send(new LoginStaffCommand(username, password), ct);
    }

    /// <summary>A staff login's user name and password, from a form post or a JSON body.</summary>
    internal static async Task<(string Username, string Password)> ReadStaffCredentialsAsync(HttpRequest request, CancellationToken ct)
    {
        string? username, password;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            (username, password) = (form["username"].ToString(), form["password"].ToString());
        }
        else if (request.HasJsonContentType())
        {
            StaffLoginRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<StaffLoginRequest>(ct);
            }
            catch (JsonException)
            {
                throw new RequestValidationException("body", "The body is not valid JSON of the form {\"username\", \"password\"}.");
            }

            (username, password) = (body?.Username, body?.Password);
        }
        else
        {
            throw new BadHttpRequestException("Send the credentials as application/x-www-form-urlencoded or application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        return (username ?? string.Empty, password ?? string.Empty);
    }

    public sealed record StaffLoginRequest(string? Username, string? Password);

    public sealed record CustomerLoginRequest(string? PhoneNumber, string? Password);

    /// <summary>A refresh token to exchange, or to revoke at logout.</summary>
    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record RegisterCustomerRequest(string? PhoneNumber, string? Password, string? Name, string? Email);

    public sealed record CreateStaffRequest(string? Email, string? Password, string? Name, StaffRole? Role, JobTitle? JobTitle);
}
