using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Two salons with an admin and a staff user each, and two customers, created in the service's database;
/// each person gets an HTTP client that logged in through the real login endpoints.
/// </summary>
public sealed class TestWorld
{
    public const string Password = "correct-horse-battery";

    private TestWorld()
    {
    }

    public long SalonId { get; private set; }
    public long OtherSalonId { get; private set; }
    public Person Admin { get; private set; } = null!;
    public Person Staff { get; private set; } = null!;
    public Person Colleague { get; private set; } = null!;
    public Person OtherSalonAdmin { get; private set; } = null!;
    public Person Customer { get; private set; } = null!;
    public Person OtherCustomer { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    public static async Task<TestWorld> CreateAsync(CleanChatApiFactory factory)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ids = await factory.WithDbAsync(async (db, sp) =>
        {
            var hasher = sp.GetRequiredService<IPasswordHasher>();
            var hash = hasher.Hash(Password);
            var now = DateTime.UtcNow;
            var salon = new Salon($"Salon {suffix}", now);
            var other = new Salon($"Other {suffix}", now);
            db.Salons.AddRange(salon, other);
            await db.SaveChangesAsync();

            StaffUser Staff(long salonId, string name, StaffRole role)
            {
                var user = new StaffUser(salonId, $"{name}-{suffix}@example.test", name, role, now);
                user.SetPasswordHash(hash);
                return user;
            }

            Customer NewCustomer(string phone, string name)
            {
                var customer = new Customer(phone, name, null, now);
                customer.SetPasswordHash(hash);
                return customer;
            }

            var people = new
            {
                Admin = Staff(salon.Id, "admin", StaffRole.Admin),
                Staff = Staff(salon.Id, "staff", StaffRole.Staff),
                Colleague = Staff(salon.Id, "colleague", StaffRole.Staff),
                OtherAdmin = Staff(other.Id, "otheradmin", StaffRole.Admin),
                Customer = NewCustomer($"+1555{Random.Shared.Next(1000000, 9999999)}", "Carol Customer"),
                OtherCustomer = NewCustomer($"+1666{Random.Shared.Next(1000000, 9999999)}", "Oscar Other"),
            };
            db.StaffUsers.AddRange(people.Admin, people.Staff, people.Colleague, people.OtherAdmin);
            db.Customers.AddRange(people.Customer, people.OtherCustomer);
            await db.SaveChangesAsync();
            return (salon.Id, other.Id, people);
        });

        var world = new TestWorld
        {
            SalonId = ids.Item1,
            OtherSalonId = ids.Item2,
            Anonymous = factory.CreateClient(),
        };
        world.Admin = await StaffLoginAsync(factory, ids.people.Admin);
        world.Staff = await StaffLoginAsync(factory, ids.people.Staff);
        world.Colleague = await StaffLoginAsync(factory, ids.people.Colleague);
        world.OtherSalonAdmin = await StaffLoginAsync(factory, ids.people.OtherAdmin);
        world.Customer = await CustomerLoginAsync(factory, ids.people.Customer);
        world.OtherCustomer = await CustomerLoginAsync(factory, ids.people.OtherCustomer);
        return world;
    }

    private static async Task<Person> StaffLoginAsync(CleanChatApiFactory factory, StaffUser user)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Email,
            ["password"] = Password,
        }));
        return await PersonAsync(client, response, ParticipantRef.User(user.Id), user.Email);
    }

    private static async Task<Person> CustomerLoginAsync(CleanChatApiFactory factory, Customer customer)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/customer-auth/login", new { phone_number = customer.PhoneNumber, password = Password });
        return await PersonAsync(client, response, ParticipantRef.Customer(customer.Id), customer.PhoneNumber);
    }

    private static async Task<Person> PersonAsync(HttpClient client, HttpResponseMessage response, ParticipantRef participant, string login)
    {
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Person(client, participant, login, token);
    }

    private sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
}

public sealed record Person(HttpClient Client, ParticipantRef Participant, string Login, string Token)
{
    public long Id => Participant.Id;
}
