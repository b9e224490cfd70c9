"""Every model of the Akademie plugin."""

from academy.models.certificates import CODE_ALPHABET, Certificate, new_code
from academy.models.pages import AcademyIndexPage, CourseModulePage, CoursePage

__all__ = ["CODE_ALPHABET", "AcademyIndexPage", "Certificate", "CourseModulePage",
           "CoursePage", "new_code"]
