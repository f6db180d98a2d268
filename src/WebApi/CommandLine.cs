using CleanChat.Infrastructure.Identity;
using CleanChat.Application.Accounts.Commands.CreateSalon;
using CleanChat.Application.Common.Exceptions;
using CleanChat.WebApi.Infrastructure;
using MediatR;

namespace CleanChat.WebApi;

/// <summary>
/// Administrative verbs run instead of the web server, e.g.
/// <c>dotnet run --project src/WebApi -- create-salon --name "Acme" --admin-email a@acme.test --admin-name "Ann"</c>.
/// </summary>
internal static class CommandLine
{
    public const string CreateSalonVerb = "create-salon";
    public const string AdminPasswordVariable = "CLEANCHAT_ADMIN_PASSWORD";

    public static bool IsVerb(string[] args) => args.Length > 0 && args[0] == CreateSalonVerb;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var options = ParseOptions(args.Skip(1).ToArray());
        if (options is null || !options.TryGetValue("name", out var name) || !options.TryGetValue("admin-email", out var email))
        {
            Console.Error.WriteLine($"Usage: {CreateSalonVerb} --name <salon name> --admin-email <e-mail> [--admin-name <name>]");
            Console.Error.WriteLine($"The admin password is read from {AdminPasswordVariable}, or from standard input when that is not set.");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable(AdminPasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.Write("Admin password: ");
            password = Console.ReadLine() ?? string.Empty;
        }

        await app.InitializeDatabaseAsync(seedDevelopmentData: false);
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentCaller>().ActAsSystem();
        try
        {
            var salon = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new CreateSalonCommand(name, email, password, options.GetValueOrDefault("admin-name") ?? email));
            Console.WriteLine($"Created salon {salon.Id} '{salon.Name}' with admin {salon.Admin.Email} (user {salon.Admin.Id}).");
            return 0;
        }
        catch (RequestValidationException ex)
        {
            foreach (var (field, errors) in ex.Errors)
                Console.Error.WriteLine($"{field}: {string.Join(" ", errors)}");
            return 1;
        }
        catch (ConflictException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return null;
            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }
}
