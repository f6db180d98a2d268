using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Demo accounts matching the integration guides' examples, so their curl lines work as written.
/// Runs only in the Development environment and only on an empty database.
/// </summary>
public sealed class DevelopmentDataSeeder
{
    public const string DemoPassword = "password";

    private readonly ChatDbContext _db;
    private readonly IPasswordHasher _hasher;
    private readonly TimeProvider _time;
    private readonly ILogger<DevelopmentDataSeeder> _logger;

    public DevelopmentDataSeeder(ChatDbContext db, IPasswordHasher hasher, TimeProvider time, ILogger<DevelopmentDataSeeder> logger)
    {
        _db = db;
        _hasher = hasher;
        _time = time;
        _logger = logger;
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await _db.Salons.AnyAsync(cancellationToken))
            return;

        var now = _time.GetUtcNow().UtcDateTime;
        var demo = new Salon("Demo Salon", now);
        var other = new Salon("Other Salon", now);
        var school = new Salon("Demo School", now);
        _db.Salons.AddRange(demo, other, school);
        await _db.SaveChangesAsync(cancellationToken);

        var hash = _hasher.Hash(DemoPassword);
        _db.StaffUsers.AddRange(
            Staff(demo.Id, "admin@salon.com", "Salon Admin", StaffRole.Admin),
            Staff(demo.Id, "staff@salon.com", "Sam Stylist", StaffRole.Staff),
            Staff(other.Id, "admin@othersalon.com", "Other Admin", StaffRole.Admin),
            Staff(school.Id, "admin@school.com", "School Admin", StaffRole.Admin),
            Staff(school.Id, "trainer@school.com", "Tess Trainer", StaffRole.Staff, JobTitle.Trainer));
        var teacher = Staff(school.Id, "teacher@school.com", "Tom Teacher", StaffRole.Staff, JobTitle.Teacher);
        _db.StaffUsers.Add(teacher);
        var customer = new Customer("+1234567890", "Jane Customer", "jane@example.com", now);
        customer.SetPasswordHash(hash);
        var student = new Customer("+1987654321", "Sally Student", "sally@example.com", now);
        student.SetPasswordHash(hash);
        _db.Customers.AddRange(customer, student);
        await _db.SaveChangesAsync(cancellationToken);

        // The mentoring guide's student has a mentor, so its socket opens a conversation at once.
        _db.Mentorships.Add(Domain.Mentoring.Mentorship.Assign(school.Id, student, teacher, now));
        await _db.SaveChangesAsync(cancellationToken);

        _logger.LogInformation("Seeded Development demo data: 'Demo Salon' (admin@salon.com, staff@salon.com), 'Other Salon' (admin@othersalon.com), 'Demo School' (admin@school.com, teacher@school.com mentoring student +1987654321, trainer@school.com), customer +1234567890; all with the demo password");

        StaffUser Staff(long salonId, string email, string name, StaffRole role, JobTitle? jobTitle = null)
        {
            var user = new StaffUser(salonId, email, name, role, now, jobTitle);
            user.SetPasswordHash(hash);
            return user;
        }
    }
}
